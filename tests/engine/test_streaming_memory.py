"""What a folder's analysis holds per article: each batch's texts are sketched for the duplicate
search, put in their part of the texts' column and let go, with the results of holding them all."""

import os
import random
from datetime import date

import pandas as pd
import pytest

from tonlage.analysis import pipeline, tables, text_parts
from tonlage.corpus import RawArticle
from tonlage.duplicates import DuplicateSketches, find_duplicates

TODAY = date(2026, 11, 23)
WORDS = [
    "Regierung",
    "Minister",
    "Verhandlung",
    "Krise",
    "Erfolg",
    "Stadt",
    "Land",
    "Wahl",
    "Partei",
    "Gericht",
    "Urteil",
    "Bericht",
    "Polizei",
    "Schule",
    "Kinder",
    "Klima",
    "Energie",
    "Preis",
    "Markt",
    "Bank",
    "Zins",
    "Arbeit",
    "Streik",
    "Bahn",
    "Flughafen",
    "Wetter",
    "Sturm",
]


def _text(rng: random.Random, sentences: int) -> str:
    return " ".join(
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))).capitalize() + "." for _ in range(sentences)
    )


def _texts(seed: int = 0) -> list[str]:
    """Distinct texts, exact copies (another case and spacing) and near copies (a sentence
    added), some in the same batch as their original and some in another."""
    rng = random.Random(seed)
    base = [_text(rng, 12) for _ in range(8)]
    return [
        base[0],
        base[1],
        base[0].upper(),  # exact copy, same batch of 3
        base[2],
        base[1] + " Die Redaktion hat den Bericht am Abend ergänzt.",  # near copy, next batch
        base[3],
        "",  # an empty text stays unique
        "zu kurz",  # no shingles
        base[2].replace(" ", "  "),  # exact copy
        *base[4:],
        base[4] + " " + _text(rng, 1),
    ]


@pytest.mark.parametrize("batch", [1, 3, 100])
def test_sketches_made_a_batch_at_a_time_give_the_groups_of_one_search(batch):
    texts = _texts()
    order = [(k % 4, k) for k in range(len(texts))]
    stream = DuplicateSketches(random_state=3)
    for at in range(0, len(texts), batch):
        stream.add(texts[at : at + batch])
    assert len(stream) == len(texts)
    got = stream.find(order=order)
    assert got == find_duplicates(texts, order=order, random_state=3)
    assert {k for k in got.kind if k} == {"exact", "near"}  # both kinds are there to compare
    assert len(stream) == 0  # the sketches are handed to the search, not kept beside it


def _folder(tmp_path, n: int = 7):
    texts = _texts()[:n]
    for i, text in enumerate(texts):
        (tmp_path / f"a{i}.txt").write_text(f"Titel {i} | A. 0{i + 1}.03.2025.\n\n{text}\n", encoding="utf-8")
    return tmp_path


def _watch_batches(monkeypatch) -> list[list[bool]]:
    """At each batch's tables, whether each earlier batch's articles still hold their text."""
    seen: list[list[RawArticle]] = []
    held: list[list[bool]] = []
    add = tables.BatchTables.add

    def watched(self, raws, parsed, **kw):
        held.append(["text" in vars(r) for batch in seen for r in batch])
        seen.append(list(raws))
        return add(self, raws, parsed, **kw)

    monkeypatch.setattr(tables.BatchTables, "add", watched)
    return held


def test_a_folder_analysis_lets_each_batch_of_texts_go_with_the_same_results(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    whole = pipeline.analyse_folder(folder, workers=1, today=TODAY)
    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 2)
    held = _watch_batches(monkeypatch)
    batched = pipeline.analyse_folder(folder, workers=1, today=TODAY)
    n = len(whole.articles)  # (a file with an empty text is skipped)
    assert n >= 5 and len(held) == (n + 1) // 2  # batches of 2
    assert held[1:] == [[False] * (2 * k) for k in range(1, len(held))]  # each batch's texts gone by the next
    pd.testing.assert_frame_equal(batched.articles, whole.articles)
    pd.testing.assert_frame_equal(batched.sentences, whole.sentences)
    assert set(batched.articles["duplicate_kind"]) == {"", "exact", "near"}  # copies in other batches found
    ids = whole.texts.ids
    assert batched.texts.ids == ids and batched.texts.texts(ids) == whole.texts.texts(ids)
    assert [p.key for p in batched.texts.parts] == [p.key for p in whole.texts.parts]


def test_articles_given_by_the_caller_keep_their_texts(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 2)
    raws, _ = pipeline.load_articles(_folder(tmp_path), today=TODAY)
    texts = [r.text for r in raws]
    result = pipeline.analyse_articles(raws, fingerprint="given", workers=1)
    assert [r.text for r in raws] == texts
    assert result.texts.texts([r.article_id for r in raws]) == texts


def test_a_released_text_cannot_be_read_as_empty():
    article = RawArticle("a", "a.txt", "Titel", "", "Ein Text.")
    pipeline.release_texts([article])
    with pytest.raises(AttributeError):
        _ = article.text


def _mapping_of(address: int) -> str:
    """The path of the mapping of this process that holds ``address`` ("" for anonymous memory)."""
    with open("/proc/self/maps", encoding="utf-8") as f:
        for line in f:
            fields = line.split(maxsplit=5)
            lo, hi = (int(x, 16) for x in fields[0].split("-"))
            if lo <= address < hi:
                return fields[5].strip() if len(fields) > 5 else ""
    return ""


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="reads the process's mappings (Linux)")
def test_the_texts_column_is_held_as_pages_of_a_removed_file(tmp_path, monkeypatch):
    monkeypatch.setattr(text_parts, "TEXT_PART_ROWS", 2)
    result = pipeline.analyse_folder(_folder(tmp_path), workers=1, today=TODAY)
    assert len(result.texts.parts) >= 3
    for part in result.texts.parts:
        where = _mapping_of(part.array.buffers()[2].address)  # the texts' UTF-8
        assert "tonlage-texts-" in where and where.endswith("(deleted)")
    raws, _ = pipeline.load_articles(tmp_path, today=TODAY)
    assert result.texts.texts([r.article_id for r in raws]) == [r.text for r in raws]
