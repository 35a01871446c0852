"""The themes' quality mode: neighbour smoothing (no encoder needed) and the bundled encoder."""

import numpy as np
from scipy import sparse

from tonlage.themes.model import ThemeModel, n_neighbours, neighbour_smoothing


def test_neighbour_smoothing_mixes_each_row_with_its_nearest_neighbours():
    X = sparse.csr_matrix(np.eye(4, dtype=np.float32))
    # Articles 0 and 1 point the same way, 2 and 3 another.
    E = np.array([[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9]], dtype=np.float32)
    E /= np.linalg.norm(E, axis=1, keepdims=True)
    out = neighbour_smoothing(X, E, weight=0.5, k=1).toarray()
    assert np.allclose(out[0], [0.5, 0.5, 0, 0]) and np.allclose(out[3], [0, 0, 0.5, 0.5])
    # Blocks of any size give the same answer.
    assert np.allclose(neighbour_smoothing(X, E, weight=0.5, k=1, block=1).toarray(), out)
    assert neighbour_smoothing(X, E, weight=0.0) is X


def test_number_of_neighbours_grows_with_the_corpus_within_bounds():
    assert n_neighbours(10) == 5 and n_neighbours(400) == 20 and n_neighbours(1_000_000) == 30


def test_embeddings_pull_articles_with_other_words_into_one_theme():
    # Two sport articles share no word; their embeddings say they are alike.
    docs = [
        ["Fußball", "Tor", "Stadion"],
        ["Handball", "Treffer", "Halle"],
        ["Krieg", "Front", "Panzer"],
        ["Krieg", "Front", "Soldat"],
        ["Fußball", "Tor", "Liga"],
        ["Handball", "Treffer", "Liga"],
    ]
    E = np.array([[1, 0], [1, 0.05], [0, 1], [0.05, 1], [1, 0.02], [1, 0.03]], dtype=np.float32)
    E /= np.linalg.norm(E, axis=1, keepdims=True)
    plain = ThemeModel(2, random_state=0, stability_runs=0).fit(docs)
    smooth = ThemeModel(2, random_state=0, stability_runs=0).fit(docs, embeddings=E)
    top = smooth.shares_.argmax(axis=1)
    assert top[0] == top[1] == top[4] == top[5] and top[2] == top[3] != top[0]
    assert not np.array_equal(plain.shares_, smooth.shares_)
    again = ThemeModel(2, random_state=0, stability_runs=0).fit(docs, embeddings=E)
    assert np.array_equal(again.shares_, smooth.shares_)


def test_bundled_encoder_embeds_german_offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from tonlage.themes.encoder import embed_articles, encoder_available, encoder_cost

    texts = [
        "Die Mannschaft gewann das Spiel mit zwei Toren.",
        "Der Verein siegte im Fußballspiel 2:0.",
        "Die Regierung beschloss neue Steuern für Unternehmen.",
    ]
    E = embed_articles(texts)
    assert E.shape == (3, 512) and np.allclose(np.linalg.norm(E, axis=1), 1.0, atol=1e-5)
    assert E[0] @ E[1] > E[0] @ E[2]
    assert np.array_equal(E, embed_articles(texts))
    assert encoder_available() and encoder_cost(1000).seconds > 0
    assert embed_articles([]).shape == (0, 512)


def test_quality_mode_in_the_pipeline(monkeypatch):
    from tonlage import DEFAULT_CORPUS_DIR
    from tonlage.analysis.pipeline import analyse_folder
    from tonlage.themes import encoder

    result = analyse_folder(DEFAULT_CORPUS_DIR, theme_encoder=True)
    assert result.params["theme_quality"] == "encoder" and len(result.themes) == 3
    assert "theme encoder" in result.params["timings"]
    monkeypatch.setattr(encoder, "encoder_available", lambda: False)
    fallback = analyse_folder(DEFAULT_CORPUS_DIR, theme_encoder=True)
    assert fallback.params["theme_quality"] == "encoder unavailable" and len(fallback.themes) == 3
    assert analyse_folder(DEFAULT_CORPUS_DIR).params["theme_quality"] == "standard"


def test_cli_quality_mode_flag(capsys):
    from tonlage import DEFAULT_CORPUS_DIR
    from tonlage.cli import main

    assert main(["analyse", str(DEFAULT_CORPUS_DIR), "--format", "csv", "--no-cache", "--theme-encoder"]) == 0
    rows = capsys.readouterr().out.strip().splitlines()
    assert len(rows) == 6 and rows[0].startswith("file,")
