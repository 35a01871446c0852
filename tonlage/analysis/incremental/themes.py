"""The kept themes of a workspace: the fit kept until the reader asks for a new one or the new
text since passes :data:`tonlage.thresholds.THEME_REFIT_SHARE`, with each new article placed by it,
and what the reader is told about it (:func:`theme_fit_note`)."""

from __future__ import annotations

import bisect
import hashlib
import logging
import pickle
import zlib

import numpy as np

from ...thresholds import THEME_REFIT_SHARE
from .base import KeptBase
from .store import FIT_ACTORS_KEY, RELISTED, has_table, has_tables, refit_requests, unpack, write_kept

log = logging.getLogger(__name__)


class KeptThemes(KeptBase):
    """:meth:`themes` for the corpus-wide step of an analysis of a workspace."""

    def themes(self, raws, parsed, matcher, n_themes, random_state, story=None, embeddings=None, partition_map=map):
        """The themes for :func:`tonlage.analysis.pipeline._analyse`: the kept model with the new
        articles' shares, or a new fit (exactly a from-scratch analysis's)."""
        from ...model import THEME_LANGUAGES
        from ..theme_step import fit_themes, theme_frames

        usable = [i for i, p in enumerate(parsed) if p.language in THEME_LANGUAGES]
        ids = [raws[i].article_id for i in usable]
        keys = [self._keys[i] for i in usable]
        words = np.array([sum(parsed[i].n_words) for i in usable], dtype="int64")
        requests = refit_requests(self.ws)
        fit, rows, kept_shares = self._loaded_fit or self._load_fit()
        self._loaded_fit = None
        new = []
        relisted: list[int] = []  # of new: articles an actor-list change may have given other theme terms
        reason = ""
        if fit is None:
            reason = "first"
        elif requests > fit["requests"]:
            reason = "asked"
        else:
            new = [j for j, (aid, key) in enumerate(zip(ids, keys)) if rows.get(aid, ("",))[0] != key]
            relisted = [j for j in new if rows.get(ids[j], ("",))[0] == RELISTED + keys[j]]
            fresh = sorted(set(new) - set(relisted))  # new text: counts towards a refit
            if words.sum() and words[fresh].sum() >= THEME_REFIT_SHARE * words.sum():
                reason = "threshold"
        if reason:
            self._with_features(parsed, range(len(parsed)))
            model, themes_df, art_themes = fit_themes(
                raws,
                parsed,
                matcher,
                n_themes,
                random_state,
                story=story,
                embeddings=embeddings,
                partition_map=partition_map,
            )
            self._save_fit(model, ids, keys, requests, int(words.sum()))
            self.note = theme_fit_note(len(usable), 0, 0.0, refitted=reason)
            return model, themes_df, art_themes
        model = fit["model"]
        k = model.n_themes_
        W = np.zeros((len(usable), k), dtype=np.float32)  # a fit's precision: the same tables either way
        is_new = np.zeros(len(usable), dtype=bool)
        is_new[new] = True
        known = np.flatnonzero(~is_new)
        if len(known):  # the kept rows taken at once (a row at a time: 0.07 s at 100,000 articles)
            W[known] = kept_shares[[rows[ids[j]][1] for j in known]]
        if new or fit["placed"]:
            self._place(parsed, usable, ids, keys, new, model, fit, W)
        model.shares_ = W
        themes_df, art_themes = theme_frames(raws, usable, model)
        gone = set(rows) - {a.article_id for a in raws}
        if gone:  # a removed article leaves no row behind
            write_kept(
                self.ws,
                lambda con: con.executemany(
                    "DELETE FROM theme_rows WHERE scope=? AND article_id=?", [(self.scope, a) for a in sorted(gone)]
                ),
            )
        fresh = sorted(set(new) - set(relisted))
        share = float(words[fresh].sum() / words.sum()) if words.sum() else 0.0
        self.note = theme_fit_note(fit["n_articles"], len(fresh), share, relisted=len(relisted))
        return model, themes_df, art_themes

    def _place(self, parsed, usable: list[int], ids: list[str], keys: list[str], new: list[int], model, fit, W) -> None:
        """The rows of ``W`` (shares of the articles ``usable``) of the articles ``new`` since the
        fit: placed by the kept themes (:meth:`~tonlage.themes.model.ThemeModel.transform`, the same
        shares for a text whatever else is placed with it) or, for a text the same fit placed
        in an earlier analysis, read back. Every add placed every article added since the fit
        again (2,000 of them took 0.25-0.45 s, and up to a fifth of the corpus gets placed
        before the themes are fitted again). What the fit placed for an article no longer
        there, or no longer new, is dropped."""
        from ..theme_step import theme_features

        token, k = fit["token"], W.shape[1]
        placed: dict[str, tuple[str, bytes]] = {}
        other = False  # rows placed by another fit (one that a version without this table replaced)
        with self.ws._connect(write=False) as con:
            kept = (
                con.execute("SELECT article_id, key, fit, shares FROM theme_placed WHERE scope=?", (self.scope,))
                if has_table(con, "theme_placed")  # a workspace kept by a version before it has none
                else []
            )
            for aid, key, by, shares in kept:
                if by == token:
                    placed[aid] = (key, shares)
                else:
                    other = True
        back = [j for j in new if placed.get(ids[j], ("",))[0] == keys[j] and len(placed[ids[j]][1]) == 8 * k]
        if back:
            rows = b"".join(placed[ids[j]][1] for j in back)
            W[back] = np.frombuffer(rows, dtype="float64").reshape(len(back), k)
        todo = sorted(set(new) - set(back))
        got = np.zeros((0, k))
        if todo:
            self._with_features(parsed, [usable[j] for j in todo])
            got = model.transform([theme_features(parsed[usable[j]], model.boilerplate_) for j in todo])
            W[todo] = got
        stale = placed.keys() - {ids[j] for j in new}

        def write(con) -> None:
            con.executemany(
                "INSERT OR REPLACE INTO theme_placed VALUES (?,?,?,?,?)",
                [
                    (self.scope, ids[j], keys[j], token, np.asarray(row, dtype="float64").tobytes())
                    for j, row in zip(todo, got)
                ],
            )
            con.executemany(
                "DELETE FROM theme_placed WHERE scope=? AND article_id=?", [(self.scope, a) for a in sorted(stale)]
            )
            con.execute("DELETE FROM theme_placed WHERE scope=? AND fit<>?", (self.scope, token))

        if todo or stale or other:
            write_kept(self.ws, write)

    def _load_fit(self) -> tuple[dict | None, dict[str, tuple[str, int]], np.ndarray]:
        """The kept fit (None: none for this engine and scope; ``token`` names it, ``placed``
        says whether it placed any article), each fitted article's (key, row) and the rows: the
        kept shares, one row an article (an array a row took 0.18 s at 100,000 articles, one
        array of them all a fiftieth of it)."""
        none: tuple = (None, {}, np.zeros((0, 0)))
        with self.ws._connect(write=False) as con:
            if not has_tables(con):
                return none
            row = con.execute("SELECT data FROM theme_fits WHERE scope=?", (self.scope,)).fetchone()
            if row is None:
                return none
            try:
                fit = pickle.loads(zlib.decompress(row[0]))
            except Exception:  # damaged, or pickled by an engine whose classes moved: fitted afresh
                log.warning("the kept themes of %s could not be read; they are fitted afresh", self.scope)
                return none
            if not isinstance(fit, dict) or fit.get("engine") != self.engine:
                return none
            # Fitted on the theme terms of another actor list (an analysis that ran beside one
            # of a later list): fitted again.
            stamp = con.execute("SELECT value FROM meta WHERE key=?", (FIT_ACTORS_KEY + self.scope,)).fetchone()
            if stamp is None or stamp[0] != self.actors:
                return none
            # The articles it placed are placed again under another actor list (follow_actors
            # carries over those it cannot change).
            fit["token"] = f"{hashlib.blake2b(row[0], digest_size=16).hexdigest()}|{self.actors}"
            fit["placed"] = has_table(con, "theme_placed") and (
                con.execute("SELECT 1 FROM theme_placed WHERE scope=? LIMIT 1", (self.scope,)).fetchone() is not None
            )
            got = con.execute("SELECT article_id, key, shares FROM theme_rows WHERE scope=?", (self.scope,)).fetchall()
        if not got:
            return fit, {}, np.zeros((0, 0))
        ids, keys, shares = zip(*got)
        del got
        if len(set(map(len, shares))) != 1:  # never written so (every row is of one fit): fit again
            return none
        matrix = np.frombuffer(b"".join(shares), dtype="float64").reshape(len(shares), -1)
        return fit, dict(zip(ids, zip(keys, range(len(ids))))), matrix

    def _save_fit(self, model, ids: list[str], keys: list[str], requests: int, words: int) -> None:
        import copy

        kept = copy.copy(model)
        kept.shares_ = None  # kept per article in theme_rows
        kept.nmf_ = None  # transform needs the components only
        data = {
            "engine": self.engine,
            "model": kept,
            "requests": requests,
            "n_articles": len(ids),
            "words": words,
        }
        shares = np.asarray(model.shares_, dtype="float64")

        def write(con) -> None:
            con.execute(
                "INSERT OR REPLACE INTO theme_fits VALUES (?, ?)",
                (self.scope, zlib.compress(pickle.dumps(data, protocol=5), 1)),
            )
            con.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (FIT_ACTORS_KEY + self.scope, self.actors))
            con.execute("DELETE FROM theme_rows WHERE scope=?", (self.scope,))
            con.execute("DELETE FROM theme_placed WHERE scope=?", (self.scope,))  # placed by the fit before
            con.executemany(
                "INSERT INTO theme_rows VALUES (?,?,?,?)",
                [(self.scope, aid, key, shares[j].tobytes()) for j, (aid, key) in enumerate(zip(ids, keys))],
            )

        write_kept(self.ws, write)

    def _with_features(self, parsed: list, positions) -> None:
        """Unpack the theme features of the kept batches that hold any of ``positions`` into
        those batches' results in ``parsed`` (a refit reads every article's, a transform only
        the new ones')."""
        starts = [first for first, _, _ in self._packed]
        wanted = set()
        for at in positions:
            i = bisect.bisect_right(starts, at) - 1
            if i >= 0 and at < self._packed[i][1]:
                wanted.add(i)
        for i in sorted(wanted):
            first, end, packed = self._packed[i]
            for p, (features, sentences) in zip(parsed[first:end], unpack(packed)):
                p.features, p.feature_sentences = features, sentences
        self._packed = [b for i, b in enumerate(self._packed) if i not in wanted]


def theme_fit_note(n_fitted: int, n_added: int, share: float, *, refitted: str = "", relisted: int = 0) -> dict:
    """What the reader is told about the kept themes (``params["theme_fit"]``): fitted on
    ``n_fitted`` articles, ``n_added`` new or changed since, ``share`` of the words; ``refitted``
    says why they were fitted in this analysis ("first", "asked", "threshold"; "" when kept);
    ``relisted``: articles placed again because an actor-list change may have changed their theme
    terms (their text is not new: they do not count towards a refit)."""
    return {
        "n_fitted": int(n_fitted),
        "n_added": int(n_added),
        "n_relisted": int(relisted),
        "added_share": round(float(share), 4),
        "threshold": THEME_REFIT_SHARE,
        "refitted": refitted,
    }
