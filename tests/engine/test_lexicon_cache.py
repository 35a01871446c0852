"""simplemma's German dictionary kept decoded on disk (tonlage.analysis.lexicon_cache): the same lemmas
as simplemma's own loading, a damaged or unwritable file never breaks anything."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Forms of every kind the engine meets: nouns, verbs, Konjunktiv, compounds, names, unknowns.
WORDS = [
    "Häuser",
    "Gesprächen",
    "sagte",
    "habe",
    "Waffenstillstand",
    "Verhandlungen",
    "Außenministers",
    "Putins",
    "liefen",
    "Gipfeltreffen",
    "Xqzw",
    "bessere",
]

_PROBE = """
import json, sys
import simplemma
from tonlage.analysis.lexicon_cache import load_german_dictionary, dictionary_file
from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY as shared
if sys.argv[1] == "after":  # simplemma decoded its own first (an upload's encoding checked)
    simplemma.is_known("Haus", lang="de")
kept = load_german_dictionary() if sys.argv[1] in ("load", "after") else None
lemmas = [simplemma.lemmatize(w, lang="de") for w in json.loads(sys.argv[2])]
known = [simplemma.is_known(w, lang="de") for w in json.loads(sys.argv[2])]
swapped = not hasattr(shared._get_dictionary, "cache_info")  # the kept one in simplemma's place
print(json.dumps({"kept": kept, "lemmas": lemmas, "known": known, "file": str(dictionary_file()), "swapped": swapped}))
"""


def _probe(cache: Path, how: str) -> dict:
    env = {**os.environ, "TONLAGE_CACHE_DIR": str(cache)}
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, how, json.dumps(WORDS)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_the_kept_dictionary_gives_simplemmas_own_lemmas(tmp_path):
    plain = _probe(tmp_path / "unused", "plain")  # simplemma on its own
    first = _probe(tmp_path / "cache", "load")  # decodes and keeps it
    assert first["kept"] is False and Path(first["file"]).is_file()
    second = _probe(tmp_path / "cache", "load")  # reads it back
    assert second["kept"] is True
    assert first["lemmas"] == second["lemmas"] == plain["lemmas"]
    assert first["known"] == second["known"] == plain["known"]
    assert plain["lemmas"][0] == "Haus" and plain["known"][-2] is False


def test_a_damaged_file_is_decoded_again_and_replaced(tmp_path):
    first = _probe(tmp_path, "load")
    path = Path(first["file"])
    path.write_bytes(b"not a dictionary")
    again = _probe(tmp_path, "load")
    assert again["kept"] is False and again["lemmas"] == first["lemmas"]
    assert path.stat().st_size > 1_000_000  # written whole again
    assert _probe(tmp_path, "load")["kept"] is True


def test_an_unwritable_cache_still_lemmatises(tmp_path):
    blocker = tmp_path / "file-in-the-way"
    blocker.write_text("x")
    got = _probe(blocker / "cache", "load")  # its folder cannot be made
    assert got["kept"] is False and got["lemmas"] == _probe(tmp_path / "other", "plain")["lemmas"]


def test_a_dictionary_simplemma_decoded_itself_is_not_loaded_twice(tmp_path):
    kept = _probe(tmp_path, "load")  # decoded and kept
    assert Path(kept["file"]).is_file() and _probe(tmp_path, "load")["swapped"] is True
    after = _probe(tmp_path, "after")  # simplemma holds one already: the kept file is not read beside it
    assert after["kept"] is False and after["swapped"] is False
    assert after["lemmas"] == kept["lemmas"] and after["known"] == kept["known"]
