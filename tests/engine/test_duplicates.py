"""Tests for tonlage.duplicates: exact and near-duplicate stories on hand-written German text."""

from __future__ import annotations

import random

import pytest

from tonlage.duplicates import DuplicateGroups, find_duplicates, normalise_for_matching

# An agency-style report, one sentence per line.
REPORT = [
    "Berlin (dpa) – Die Bundesregierung hat sich nach langen Verhandlungen auf einen "
    "Haushalt für das kommende Jahr geeinigt.",
    "Finanzminister und Kanzler stellten den Entwurf am Mittwochabend im Kanzleramt vor.",
    "Demnach sollen die Ausgaben für Bildung und Forschung um knapp vier Prozent steigen.",
    "Bei den Zuschüssen für die Rentenversicherung plant die Koalition dagegen Kürzungen.",
    "Die Opposition sprach von einem „Haushalt der verpassten Chancen“ und kündigte Widerstand im Bundestag an.",
    "Wirtschaftsverbände begrüßten, dass die Schuldenbremse eingehalten werden soll.",
    "Gewerkschaften warnten hingegen vor Einschnitten bei sozialen Leistungen für Familien.",
    "Der Bundestag soll den Etat nach den Beratungen in den Ausschüssen im Dezember verabschieden.",
    "Zuvor muss sich noch der Haushaltsausschuss mit den Details der Vorlage befassen.",
    "Die Länder fordern mehr Geld für den Ausbau von Kitas und für den öffentlichen Nahverkehr in ländlichen Regionen.",
    "Ein Sprecher des Finanzministeriums sagte, man sei für Gespräche offen, der Rahmen stehe aber fest.",
    "Die endgültige Fassung des Haushalts wird für Ende November erwartet.",
    "Insgesamt sieht der Entwurf Ausgaben von gut 480 Milliarden Euro vor.",
    "Die Neuverschuldung soll im Vergleich zum laufenden Jahr deutlich sinken.",
    "Größter Einzelposten bleibt der Etat des Arbeits- und Sozialministeriums.",
    "Für die Bundeswehr sind zusätzliche Mittel aus dem Sondervermögen eingeplant.",
    "Mehrere Ressorts müssen nach Angaben aus Koalitionskreisen pauschal sparen.",
    "Wie genau diese Einsparungen erreicht werden sollen, blieb zunächst unklar.",
    "Der Kanzler sprach von einem soliden Fundament für die kommenden Jahre.",
]

# Another article on the same topic: same vocabulary, different sentences.
OTHER_REPORT = [
    "Im Bundestag hat am Donnerstag die Debatte über den Haushalt für das kommende Jahr begonnen.",
    "Die Opposition warf der Bundesregierung vor, bei Bildung und Forschung zu wenig zu tun.",
    "Der Finanzminister verteidigte den Entwurf und verwies auf die Schuldenbremse.",
    "Kürzungen bei der Rentenversicherung seien vertretbar, sagte er im Plenum.",
    "Gewerkschaften und Sozialverbände demonstrierten vor dem Reichstagsgebäude gegen die Pläne der Koalition.",
    "Auch aus den Ländern kam Kritik an fehlendem Geld für Kitas und den Nahverkehr.",
    "Der Haushaltsausschuss will die Vorlage in den kommenden Wochen beraten.",
    "Eine Abstimmung über den Etat ist für Dezember angesetzt.",
    "Ob die Koalition bis dahin Änderungen vornimmt, ist offen.",
    "Beobachter rechnen mit einer knappen Mehrheit für den Entwurf.",
]

# Distinct sentences for a chain of overlapping windows.
CHAIN = [
    "Am Montag begann in Hamburg der Prozess gegen einen früheren Bankmanager.",
    "Die Staatsanwaltschaft wirft ihm Untreue in mehreren Fällen vor.",
    "Es geht um Kredite in Höhe von rund zwölf Millionen Euro.",
    "Der Angeklagte äußerte sich zum Auftakt nicht zu den Vorwürfen.",
    "Sein Verteidiger kündigte eine Erklärung für den zweiten Verhandlungstag an.",
    "Das Gericht hat zunächst zwanzig Termine bis zum Frühjahr angesetzt.",
    "Als Zeugen sollen frühere Kollegen und mehrere Kunden der Bank aussagen.",
    "Die Bank selbst hatte den Fall vor drei Jahren bei der Polizei angezeigt.",
    "Nach internen Prüfungen waren Unregelmäßigkeiten in der Kreditabteilung aufgefallen.",
    "Der Manager wurde daraufhin freigestellt und später entlassen.",
    "Im Fall einer Verurteilung drohen ihm bis zu zehn Jahre Haft.",
    "Ein Urteil wird nach Angaben einer Gerichtssprecherin im April erwartet.",
    "Beobachter erwarten einen langwierigen Prozess mit vielen Gutachten.",
    "Auch die Finanzaufsicht verfolgt das Verfahren nach eigenen Angaben genau.",
    "Vor dem Gerichtsgebäude hatten sich am Morgen zahlreiche Journalisten versammelt.",
    "Der Saal war bis auf den letzten Platz besetzt.",
    "Die Verlesung der Anklageschrift dauerte fast zwei Stunden.",
    "Danach unterbrach die Vorsitzende Richterin die Sitzung bis zum Nachmittag.",
    "Am Ende des ersten Tages wurde ein Antrag der Verteidigung abgelehnt.",
    "Die Verhandlung wird am kommenden Montag fortgesetzt.",
]


def text(sentences: list[str]) -> str:
    return " ".join(sentences)


def groups(result: DuplicateGroups) -> set[frozenset[int]]:
    return {frozenset(g) for g in result.groups()}


# --- normalisation ------------------------------------------------------------------------


def test_normalise_unifies_case_quotes_dashes_and_spaces():
    a = "Er sagte:\u00a0„Das ist  gut“ –\tund\nging."
    b = 'er sagte: "das ist gut" - und ging.'
    assert normalise_for_matching(a) == normalise_for_matching(b)
    assert normalise_for_matching("Ver\u00adhandlung") == "verhandlung"
    assert normalise_for_matching("Straße") == normalise_for_matching("Strasse")
    assert normalise_for_matching("  \n ") == ""


# --- exact duplicates ---------------------------------------------------------------------


def test_exact_copies_with_other_whitespace_and_quotes():
    original = text(REPORT)
    copy1 = original.replace(" ", "  ").replace("„", '"').replace("“", '"')
    copy2 = "\n" + original.replace("–", "-").replace(". ", ".\n\n") + "  "
    result = find_duplicates([original, text(OTHER_REPORT), copy1, copy2])
    assert result.representative == [0, 1, 0, 0]
    assert result.kind == ["", "", "exact", "exact"]
    assert result.similarity == [1.0, 1.0, 1.0, 1.0]


# --- near duplicates ----------------------------------------------------------------------


def reprint() -> str:
    """The report with another first line, one added sentence and a byline."""
    lines = list(REPORT)
    lines[0] = "Nach zähem Ringen steht der Etat: Die Koalition einigt sich auf den Haushalt für das nächste Jahr."
    lines.insert(6, "Der Bund der Steuerzahler nannte die Pläne einen ersten Schritt.")
    return "Von unserer Korrespondentin in Berlin. " + text(lines).replace("„", "»").replace("“", "«")


def test_reprint_with_new_first_line_and_added_sentence_is_near():
    result = find_duplicates([text(REPORT), reprint()])
    assert result.representative == [0, 0]
    assert result.kind == ["", "near"]
    assert 0.7 <= result.similarity[1] < 1.0


def test_same_topic_different_article_is_not_grouped():
    result = find_duplicates([text(REPORT), text(OTHER_REPORT)])
    assert result.representative == [0, 1]
    assert result.kind == ["", ""]
    # Even a very low threshold does not pair them: they share almost no 5-word shingles.
    assert find_duplicates([text(REPORT), text(OTHER_REPORT)], threshold=0.2).kind == ["", ""]


def test_chain_forms_one_group():
    # Windows of 12 sentences moved by 4: neighbours share 8 of 16 sentences (J ~ 0.5),
    # the ends only 4 of 20 (J ~ 0.2). The threshold lies midway, more than three standard
    # errors of the MinHash estimate (0.045) from both.
    a, b, c = text(CHAIN[0:12]), text(CHAIN[4:16]), text(CHAIN[8:20])
    result = find_duplicates([c, a, b], order=["c", "a", "b"], threshold=0.35)
    assert result.representative == [1, 1, 1]
    assert result.kind == ["near", "", "near"]
    assert result.similarity[2] >= 0.35
    assert result.similarity[0] < 0.35  # C joined through B, not directly


def test_representative_follows_order():
    original, copy, near = text(REPORT), text(REPORT).upper(), reprint()
    # The near copy appeared first (smallest key), so it represents the group, and the
    # two exact copies of the original are near duplicates of it.
    order = [("2024-05-02", 7), ("2024-05-03", 2), ("2024-05-01", 9)]
    result = find_duplicates([original, copy, near], order=order)
    assert result.representative == [2, 2, 2]
    assert result.kind == ["near", "near", ""]
    assert result.similarity[0] == result.similarity[1] < 1.0
    # Equal keys fall back to input order.
    tied = find_duplicates([original, copy], order=[(1,), (1,)])
    assert tied.representative == [0, 0] and tied.kind == ["", "exact"]


def test_order_must_match_texts():
    with pytest.raises(ValueError):
        find_duplicates(["a", "b"], order=[1])
    with pytest.raises(ValueError):
        find_duplicates(["a"], threshold=0.0)


# --- edge cases ---------------------------------------------------------------------------


def test_empty_input():
    assert find_duplicates([]) == DuplicateGroups([], [], [])


def test_short_and_empty_texts():
    texts = ["Kurz.", "kurz.", "Nur vier Wörter hier", "Nur vier Wörter hier!", "", "  ", "Kurz!"]
    result = find_duplicates(texts)
    # Same after normalisation: exact. Too short for one 5-word shingle: never near.
    assert result.representative == [0, 0, 2, 3, 4, 5, 6]
    assert result.kind == ["", "exact", "", "", "", "", ""]


def test_single_text_and_no_shingles_at_all():
    assert find_duplicates([text(REPORT)]).kind == [""]
    assert find_duplicates(["eins zwei", "drei vier"]).representative == [0, 1]


# --- determinism --------------------------------------------------------------------------


def small_corpus() -> list[str]:
    return [
        text(REPORT),
        text(OTHER_REPORT),
        reprint(),
        text(REPORT).replace("  ", " "),
        text(CHAIN[0:10]),
        text(CHAIN[1:11]),
        text(CHAIN[0:11]),
        "Kurz.",
    ]


def test_deterministic_across_runs_and_permutations():
    texts = small_corpus()
    first, second = find_duplicates(texts), find_duplicates(texts)
    assert first == second
    expected = groups(first)
    assert expected == {frozenset({0, 2, 3}), frozenset({4, 5, 6})}
    rng = random.Random(3)
    for _ in range(5):
        perm = list(range(len(texts)))
        rng.shuffle(perm)
        shuffled = find_duplicates([texts[p] for p in perm])
        assert {frozenset(perm[i] for i in g) for g in groups(shuffled)} == expected
        # With an order key the representatives do not depend on input order either.
        keyed = find_duplicates([texts[p] for p in perm], order=perm)
        assert [perm[r] for r in keyed.representative] == [first.representative[p] for p in perm]


# --- a larger corpus ----------------------------------------------------------------------

WORDS = [
    "Regierung",
    "Bundestag",
    "Kanzler",
    "Ministerin",
    "Partei",
    "Wahl",
    "Stadt",
    "Gemeinde",
    "Polizei",
    "Gericht",
    "Schule",
    "Klinik",
    "Unternehmen",
    "Gewerkschaft",
    "Verband",
    "Haushalt",
    "Steuer",
    "Rente",
    "Energie",
    "Klima",
    "Verkehr",
    "Bahn",
    "Flughafen",
    "Hafen",
    "Wohnung",
    "Miete",
    "Preis",
    "Markt",
    "Bank",
    "Euro",
    "Prozent",
    "Jahr",
    "Woche",
    "Montag",
    "Dienstag",
    "Mittwoch",
    "Donnerstag",
    "Freitag",
    "Berlin",
    "Hamburg",
    "München",
    "Köln",
    "Leipzig",
    "Dresden",
    "Bremen",
    "Sprecher",
    "Experten",
    "Bürger",
    "Kinder",
    "Familien",
    "Beschäftigte",
    "Landwirte",
    "Ärzte",
    "sagte",
    "erklärte",
    "kündigte",
    "forderte",
    "kritisierte",
    "plant",
    "prüft",
    "meldete",
    "bestätigte",
    "warnte",
    "neue",
    "hohe",
    "weitere",
    "erste",
    "große",
    "kleine",
    "öffentliche",
    "digitale",
    "soziale",
    "regionale",
    "nach",
    "mit",
    "gegen",
    "für",
    "über",
    "unter",
    "seit",
    "wegen",
    "trotz",
    "während",
]
FILLER = [
    "der",
    "die",
    "das",
    "und",
    "in",
    "zu",
    "den",
    "von",
    "auf",
    "ist",
    "im",
    "dem",
    "nicht",
    "ein",
    "eine",
    "als",
    "auch",
    "es",
    "an",
]


def fake_article(rng: random.Random, n_sentences: int) -> list[str]:
    sentences = []
    for _ in range(n_sentences):
        words = [rng.choice(FILLER) if rng.random() < 0.4 else rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
        sentences.append(" ".join(words).capitalize() + ".")
    return sentences


def test_thousand_texts_find_planted_duplicates():
    rng = random.Random(11)
    texts = [text(fake_article(rng, rng.randint(12, 24))) for _ in range(940)]
    planted: dict[int, tuple[int, str]] = {}  # copy index -> (source index, kind)
    for _ in range(30):  # exact copies with other spacing and quotes
        src = rng.randrange(940)
        planted[len(texts)] = (src, "exact")
        texts.append("  " + texts[src].replace(". ", ".  ").upper())
    for _ in range(30):  # near copies: new first sentence, one sentence added at the end
        src = rng.randrange(940)
        sentences = texts[src].split(". ")
        sentences[0] = fake_article(rng, 1)[0].rstrip(".")
        planted[len(texts)] = (src, "near")
        texts.append(". ".join(sentences) + " " + fake_article(rng, 1)[0])
    result = find_duplicates(texts)
    for copy, (src, kind) in planted.items():
        assert result.representative[copy] == result.representative[src], (copy, src)
        if result.representative[src] == src and result.kind[copy] != "":
            assert result.kind[copy] == kind
    # Nothing else is grouped: every group consists of a source and its planted copies.
    sources = {src for src, _ in planted.values()}
    for group in result.groups():
        assert all(i in planted or i in sources for i in group), group
    assert result.n_duplicates == len(planted)


# --- internals: sketches and LSH parameters -----------------------------------------------


def test_bulk_sketches_equal_datasketch_update_batch():
    import numpy as np
    from datasketch import MinHash

    from tonlage.duplicates import _Sketcher, _word_hashes, _words

    texts = [normalise_for_matching(t).encode("utf-8") for t in small_corpus()]
    fast = _Sketcher(128, 5, 5)
    slow = _Sketcher(128, 5, 5)
    slow._scheme = None  # forces the per-text MinHash.update_batch path
    for encoded in texts:
        fast.add(encoded)
        slow.add(encoded)
    fast.flush()
    slow.flush()
    assert fast.values.shape == (len(texts), 128)
    for encoded, a, b, has_a, has_b in zip(texts, fast.values, slow.values, fast.has, slow.has):
        words = _words(encoded)
        if len(words) < 5:
            assert not has_a and not has_b
            continue
        # Reference: the texts' 5-word shingles, each hashed on its own.
        h = _word_hashes(words).tolist()
        shingles = []
        for i in range(len(h) - 4):
            x = 0
            for v in h[i : i + 5]:
                x = (x * 0x9E3779B97F4A7C15 + v) % 2**64
            shingles.append((x >> 32) ^ (x & 0xFFFFFFFF))
        reference = MinHash(num_perm=128, seed=5, hashfunc=lambda x: x)
        reference.update_batch(shingles)
        assert has_a and has_b
        assert np.array_equal(a, reference.hashvalues)
        assert np.array_equal(b, reference.hashvalues)


@pytest.mark.parametrize("threshold", [0.5, 0.7, 0.9])
def test_candidate_pairs_are_the_pairs_datasketch_lsh_proposes(threshold):
    """The banding by sorting proposes exactly the pairs datasketch's MinHashLSH index returns,
    on signatures where many pairs share some bands and not others."""
    import numpy as np
    from datasketch import LeanMinHash, MinHashLSH

    from tonlage.duplicates import _band_params, _candidate_pairs

    rng = np.random.default_rng(3)
    values = rng.integers(0, 2**32, size=(400, 128), dtype=np.uint32)
    for i in range(0, 400, 4):  # copies with some values changed: near pairs, partial band matches
        values[i + 1] = values[i]
        values[i + 1, rng.choice(128, size=int(rng.integers(1, 60)), replace=False)] = rng.integers(0, 2**32)
    values[200:210, :8] = values[300, :8]  # one band shared by texts that differ otherwise
    bands, rows = _band_params(threshold, 128)
    lsh = MinHashLSH(threshold=threshold, num_perm=128, params=(bands, rows))
    sigs = [LeanMinHash(seed=1, hashvalues=v, scheme="affine32") for v in values]
    for i, sig in enumerate(sigs):
        lsh.insert(i, sig)
    expected = sorted((i, j) for i, sig in enumerate(sigs) for j in lsh.query(sig) if j > i)
    got = [tuple(p) for p in _candidate_pairs(values, bands, rows).tolist()]
    assert got == expected and len(expected) > 100


def test_words_ignore_punctuation():
    from tonlage.duplicates import _words

    encoded = normalise_for_matching("„Größer“, sagte er (dpa): 5,3 % – 2024!").encode("utf-8")
    words = [w.decode("utf-8") for w in _words(encoded)]
    assert words == ["grösser", "sagte", "er", "dpa", "5", "3", "2024"]


@pytest.mark.parametrize("threshold", [0.5, 0.6, 0.7, 0.8, 0.9, 0.95])
def test_band_params_find_pairs_at_the_threshold(threshold):
    from tonlage.duplicates import BAND_BUDGET, _band_params

    bands, rows = _band_params(threshold, 128)
    assert bands >= 2 and rows >= 2 and bands * rows <= BAND_BUDGET
    assert 1 - (1 - threshold**rows) ** bands >= 0.97
    # Unrelated texts (J = 0.05) are almost never candidates.
    assert 1 - (1 - 0.05**rows) ** bands < 0.01 or threshold < 0.6


def test_one_huge_text_is_sketched_in_blocks(monkeypatch):
    import tonlage.duplicates as dup

    # A work-array limit far below one text's shingles forces several permutation blocks.
    texts = [text(REPORT), reprint(), text(OTHER_REPORT)]
    expected = find_duplicates(texts)
    monkeypatch.setattr(dup, "_MAX_WORK", 1000)
    assert find_duplicates(texts) == expected
    assert expected.kind == ["", "near", ""]


def test_known_sketches_give_the_same_groups_without_normalising_again(monkeypatch):
    """A text given back with its sketch from an earlier search is neither normalised nor
    sketched again, and the groups are the same as a search from scratch."""
    import tonlage.duplicates as dup

    texts = small_corpus()
    texts = texts + [t.replace(",", ";") for t in texts[:5]] + ["", "zu kurz"]
    sketches: list = []
    fresh = find_duplicates(texts, sketches=sketches)
    assert len(sketches) == len(texts) and sketches[-2] == (b"", None) and sketches[-1][1] is None
    normalised: list[str] = []
    real = dup.normalise_for_matching
    monkeypatch.setattr(dup, "normalise_for_matching", lambda t: normalised.append(t) or real(t))
    known = [s if i % 3 else None for i, s in enumerate(sketches)]  # a third made again
    again: list = []
    kept = find_duplicates(texts, known=known, sketches=again)
    assert (kept.representative, kept.kind, kept.similarity) == (fresh.representative, fresh.kind, fresh.similarity)
    assert fresh.n_duplicates >= 5 and len(normalised) == sum(1 for s in known if s is None)
    for (d1, v1), (d2, v2) in zip(sketches, again):
        assert d1 == d2 and (v1 is None) == (v2 is None) and (v1 is None or (v1 == v2).all())
