"""Kept results that follow the actor list: after a change, only the articles that may name a
changed alias are analysed again, and the rest of what is kept is carried over to the new list."""

from __future__ import annotations

import json

from .base import KeptBase
from .store import ACTORS_KEY, BATCHES_OF_LIST, FIT_ACTORS_KEY, RELISTED, batch_members, has_tables, write_kept


class FollowActors(KeptBase):
    """:meth:`follow_actors`, the first step of an analysis of a workspace."""

    def follow_actors(self, actors) -> None:
        """Make the kept results follow ``actors``, the list this analysis uses. Call first.

        Every kept row (an article's results, a batch, a theme fit and what it placed) names
        the list it was made with (:func:`~tonlage.analysis.actor_change.list_signature`), and
        only rows of this list are used. When the list changed since the last analysis, the
        rows of the articles the change cannot touch are carried over to the new list, in one
        transaction: all but those whose stored text may name an alias that was added, dropped
        or given to another actor (:func:`~tonlage.analysis.actor_change.naming_test`). Only
        those are analysed again; the kept batches that hold them stay under the list before,
        and :meth:`run_batches` patches their rows (made again from all their articles' results,
        they took 60 s of an 82 s change at 100,000 articles). The kept themes stay and place
        them again, as after an edit. Before, adding one name to the list of a 100,000-article
        workspace analysed every article again (~3 minutes)."""
        from ...i18n import N_
        from .. import jobs
        from ..actor_change import alias_owners, changed_aliases, list_signature, naming_test

        owners = alias_owners(actors)
        self.actors = list_signature(owners)
        rows = self.ws._query("SELECT value FROM meta WHERE key=?", (ACTORS_KEY,))
        before = json.loads(rows[0][0]) if rows else None
        if before is not None and before.get("sig") == self.actors:
            return
        listed = json.dumps({"sig": self.actors, "owners": sorted([a, list(o)] for a, o in owners.items())})
        with self.ws._connect(write=False) as con:
            kept = has_tables(con)
        if before is None or not kept:  # nothing kept under a list yet
            write_kept(
                self.ws, lambda con: con.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (ACTORS_KEY, listed))
            )
            return
        self._list_changed = True
        old = before["sig"]
        names = naming_test(changed_aliases({a: tuple(o) for a, o in before["owners"]}, owners))
        ids: set[str] = set()  # articles analysed again
        merged: set[str] = set()  # ... whose theme terms may change: placed again in the kept themes
        raws: set[str] = set()
        if names is not None:
            from ...corpus import text_digest

            with self.ws._connect(write=False) as con:
                total = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                jobs.stage(N_("Finding the articles that name the changed actors"), total=total)
                rows_read = con.execute("SELECT article_id, text_digest, CAST(text AS BLOB) FROM articles")
                for n, (aid, digest, utf8) in enumerate(rows_read, 1):
                    if utf8 is None:
                        continue
                    named, merges = names(utf8.decode("utf-8", "replace"))
                    if named:
                        ids.add(aid)
                        raws.add(self._key(digest or text_digest(utf8)))
                        if merges:
                            merged.add(aid)
                    if n % 1000 == 0:
                        jobs.advance(1000)
        with self.ws._connect(write=False) as con:
            batches = con.execute(BATCHES_OF_LIST, (old,)).fetchall()
        touched = [bid for bid, data in batches if any(aid in ids for aid, _ in batch_members(data))]

        def carry_over(con) -> None:
            gone = [(r, old) for r in sorted(raws)]
            con.executemany(
                "DELETE FROM kept_results WHERE key IN (SELECT key FROM kept_result_lists WHERE raw=? AND actors=?)",
                gone,
            )
            con.executemany("DELETE FROM kept_result_lists WHERE raw=? AND actors=?", gone)
            con.execute("UPDATE kept_result_lists SET actors=? WHERE actors=?", (self.actors, old))
            # The batches that hold an article named again stay under the list before: this
            # analysis patches them (run_batches); the end of it drops them.
            con.execute("UPDATE kept_batch_parts SET actors=? WHERE actors=?", (self.actors, old))
            con.executemany("UPDATE kept_batch_parts SET actors=? WHERE id=?", [(old, b) for b in touched])
            # The themes: the fit stays; the articles whose theme terms may change are placed
            # again by it (an article's terms change only where an alias of several words merges).
            # Marked, not dropped: their text is not new, so it does not count towards a refit.
            # (By scope and article: the rows' key. By article alone, each statement read every
            # row: 6,000 articles took 77 s at 100,000.)
            scopes = [r[0] for r in con.execute("SELECT DISTINCT scope FROM theme_rows")]
            con.executemany(
                "UPDATE theme_rows SET key = ? || key WHERE scope=? AND article_id=? AND key NOT LIKE ?",
                [(RELISTED, scope, a, RELISTED + "%") for scope in scopes for a in sorted(merged)],
            )
            scopes = [r[0] for r in con.execute("SELECT DISTINCT scope FROM theme_placed")]
            con.executemany(
                "DELETE FROM theme_placed WHERE scope=? AND article_id=?",
                [(scope, a) for scope in scopes for a in sorted(merged)],
            )
            con.execute(
                "UPDATE theme_placed SET fit = substr(fit, 1, instr(fit, '|')) || ? WHERE substr(fit, instr(fit, '|') + 1) = ?",
                (self.actors, old),
            )
            con.execute(
                "UPDATE meta SET value=? WHERE key LIKE ? AND value=?", (self.actors, FIT_ACTORS_KEY + "%", old)
            )
            con.execute("INSERT OR REPLACE INTO meta VALUES (?,?)", (ACTORS_KEY, listed))

        write_kept(self.ws, carry_over)
        self._named_again, self._patch_batches, self._patch_list = ids, set(touched), old
