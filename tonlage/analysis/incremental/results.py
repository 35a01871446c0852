"""The per-article stage of an analysis of a workspace over its kept results and batches, and
:class:`KeptResults`, the object the analysis is handed (``kept=``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from .actors import FollowActors
from .duplicates import KeptDuplicates
from .store import ACTORS_KEY, BATCHES_OF_LIST, batch_members, has_table, has_tables, pack, unpack, write_kept
from .themes import KeptThemes

if TYPE_CHECKING:
    from ...corpus import RawArticle

# Article ids asked for in one query (SQLite builds before 3.32 take at most 999 parameters).
IDS_PER_QUERY = 500
_COPY_KEY_CHARS = 40  # a story's copy key (tonlage.reading.furniture.recurring_lines_of): a SHA-1 in hex


def _plan(
    keys: list[str],
    starts: dict[int, tuple[int, int]],
    stored: set[str],
    size: int,
    patching: AbstractSet[int] = frozenset(),
):
    """The batches of :meth:`KeptResults.run_batches`: kept batches (``starts``: position ->
    (kept batch, its length)) taken whole, the rest in batches of at most ``size`` articles,
    each ending where a kept one starts. A kept batch among ``patching`` is a batch of its own
    whose articles are parsed as in a new one (those not stored).

    Returns:
        (steps, todos, later): per batch (first, end, kept batch or None); per batch the
        articles to parse (key -> position; an article is parsed in the first batch that has
        it and is not stored); the keys parsed in one batch that a later batch has too.
    """
    steps: list[tuple[int, int, int | None]] = []
    i = 0
    while i < len(keys):
        if i in starts:
            bid, n = starts[i]
            steps.append((i, i + n, bid))
            i += n
            continue
        j = i + 1
        while j < len(keys) and j - i < size and j not in starts:
            j += 1
        steps.append((i, j, None))
        i = j
    todos: list[dict[str, int]] = []
    planned: set[str] = set()
    for first, end, kept in steps:
        todo: dict[str, int] = {}
        if kept is None or kept in patching:
            for at in range(first, end):
                if keys[at] not in stored and keys[at] not in planned and keys[at] not in todo:
                    todo[keys[at]] = at
            planned.update(todo)
        todos.append(todo)
    later: set[str] = set()
    seen_after: set[str] = set()
    for (first, end, kept), todo in zip(reversed(steps), reversed(todos)):
        later.update(k for k in todo if k in seen_after)
        if kept is None or kept in patching:
            seen_after.update(keys[first:end])
    return steps, todos, later


class KeptResults(FollowActors, KeptDuplicates, KeptThemes):
    """The hooks :func:`tonlage.analysis.pipeline._analyse` calls for a workspace (``kept=``): which
    articles to parse, and the themes (kept or fitted again). Its arguments are
    :class:`~tonlage.analysis.incremental.base.KeptBase`'s; each part of the work is a module of
    its own (:mod:`.actors`, :mod:`.duplicates`, :mod:`.themes`), this one the per-article stage."""

    def read_new_texts(self, raws) -> None:
        """Read at once the stored texts of the articles whose results or recurring lines are not
        kept (an add's new articles), for articles read without their texts
        (``Workspace.raw_articles(texts=False)``). The others are read only if something asks
        (one at a time) or at the table, a part at a time, when the cache has not kept it."""
        unread = [a for a in raws if a.unread()]
        if not unread:
            return
        parsed = self._parsed_raw()
        lined = self._recurring()
        need = [a for a, k in zip(unread, self._keys_of(unread)) if k not in parsed or k not in lined]
        for a, utf8 in zip(need, self.ws.texts_as_read([(a.article_id, a.digest()) for a in need])):
            a.fill(utf8)

    def _recurring(self) -> dict[str, str]:
        """The kept recurring lines of texts (key of the text as stored -> its row's data), read
        once an analysis for :meth:`read_new_texts` and :meth:`recurring_lines` (which takes them:
        each read of the 100,000 rows took 0.1-0.2 s of an add)."""
        if self._recurring_rows is None:
            with self.ws._connect(write=False) as con:
                self._recurring_rows = (
                    dict(con.execute("SELECT raw, data FROM recurring")) if has_table(con, "recurring") else {}
                )
        return self._recurring_rows

    def _parsed_raw(self) -> set[str]:
        """The keys (of texts as stored) whose per-article results are kept, read once an
        analysis (nothing writes them before the per-article stage)."""
        if self._parsed_raw_keys is None:
            with self.ws._connect(write=False) as con:
                rows = (
                    con.execute("SELECT raw FROM kept_result_lists WHERE actors=?", (self.actors,))
                    if has_tables(con)
                    else []
                )
                self._parsed_raw_keys = {r[0] for r in rows}
        return self._parsed_raw_keys

    def to_parse(self, files) -> int:
        """How many of ``files`` (articles as stored) look new: for the number of processes only."""
        known = self._parsed_raw()
        keys = self._keys_of(files)
        self._raw_of = dict(zip(map(id, files), keys))
        return len(keys) - sum(map(known.__contains__, keys))

    def new_texts_early(self, size: int) -> list | None:
        """Before the articles are read: the stored articles in no kept batch (an add's new ones)
        whose results are not kept, with their texts, to hand to the workers at once
        (:meth:`hand_over`); None when there are none or more than ``size`` (a first analysis),
        or the workspace keeps no batches or digests.

        Reading the articles takes ~1.5 s at 100,000 (every stored row, its metadata, the new
        texts), and the workers had nothing to do meanwhile. This asks only the kept batches'
        members and the articles' ids. A guess is enough: an article it misses is parsed when
        the articles are read (:meth:`parse_ahead`), a parse of a text that has changed since
        is not used."""
        from ...corpus import StoredArticle

        with self.ws._connect(write=False) as con:
            if not has_tables(con) or not has_table(con, "kept_batch_rows"):
                return None
            if "text_digest" not in self.ws._article_columns(con):
                return None
            members: set[str] = set()
            for _, data in con.execute(BATCHES_OF_LIST, (self.actors,)):
                members.update(aid for aid, _ in batch_members(data))
            if not members:
                return None
            new = [r[0] for r in con.execute("SELECT article_id FROM articles") if r[0] not in members]
            if not new or len(new) > size:
                return None
            rows: list[tuple] = []
            for at in range(0, len(new), IDS_PER_QUERY):
                chunk = new[at : at + IDS_PER_QUERY]
                rows += con.execute(
                    "SELECT doc_id, seq, article_id, CAST(text AS BLOB), text_digest FROM articles "
                    f"WHERE article_id IN ({', '.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
        rows.sort(key=lambda r: (r[0], r[1]))  # in the order the articles came
        known = self._parsed_raw()
        return [
            StoredArticle.stored(utf8, digest, article_id=aid)
            for _, _, aid, utf8, digest in rows
            if digest and self._key(digest) not in known
        ]

    def hand_over(self, early: list, run_with_digests) -> None:
        """Hand ``early`` (:meth:`new_texts_early`) to the workers now: ``run_with_digests`` as
        :meth:`parse_ahead` takes it; :meth:`parse_ahead` then uses these parses."""
        digests = {self._key(a.digest()): a.digest() for a in early}
        self._early = (digests, run_with_digests(early))

    def parse_ahead(self, raws, run_with_digests, run, size: int):
        """Hand the new texts of an add to the workers now, as they are stored, while this
        process learns the recurring lines and plans the batches (~0.7 s at 100,000 articles in
        which the workers had nothing to do); ``run(articles)`` as :meth:`run_batches` takes it,
        ``run_with_digests`` the same giving (digest of the text parsed, result).

        Returns the ``run`` for :meth:`run_batches`: it takes the result made ahead for each
        article whose text is still the one handed over (same key), and hands the others (a
        text that lost a recurring line since) to ``run``. Nothing is handed ahead when the new
        texts are more than a batch of ``size`` (a first analysis: its batches bound memory).
        Call before the recurring lines are taken out."""
        if self._early is not None:  # handed over before the articles were read
            digests, handed = self._early
            self._early = None
        else:
            known = self._parsed_raw()
            ahead: dict[str, RawArticle] = {}
            for a, key in zip(raws, self._keys_of(raws)):  # of the texts as stored
                if key not in known and key not in ahead:
                    ahead[key] = a
            if not ahead or len(ahead) > size:
                return run
            digests = {key: a.digest() for key, a in ahead.items()}
            handed = run_with_digests(list(ahead.values()))
        got: dict[str, tuple] = {}

        def run_kept(articles):
            keys = [self._text_key(a) for a in articles]
            others = [a for a, k in zip(articles, keys) if k not in digests]
            rest = run(others) if others else iter(())

            def results():
                if not got and any(k in digests for k in keys):
                    got.update(zip(digests, handed))
                for a, key in zip(articles, keys):
                    if key not in digests:
                        yield next(rest)
                        continue
                    digest, parsed = got[key]
                    # The parse is of the text as it was when handed over: a text changed
                    # before the workers took it is parsed again (its key names the text now).
                    yield parsed if digest == digests[key] else next(run([a]))

            return results()

        return run_kept

    def recurring_lines(self, raws) -> list:
        """:func:`tonlage.reading.furniture.recurring_lines_of` of each article's text as stored, read back
        for texts seen before and kept for new ones; those of texts no article has any more are
        dropped. At 100,000 articles, going over every line of every text took 1.1-1.9 s of an
        add."""
        from ...reading.furniture import recurring_lines_of

        keys = self._keys_of(raws)  # recurring lines are not out yet: the text as stored
        stored, self._recurring_rows = self._recurring(), None
        out: list = []
        new: dict[str, tuple] = {}
        for a, key in zip(raws, keys):
            data = stored.get(key)
            if data is not None:
                if len(data) > _COPY_KEY_CHARS:
                    # Case-folded whole: folding maps each character on its own and never makes
                    # or takes a line break, so the lines split apart as they were written (one
                    # casefold a line took a third of this loop).
                    lines = data[_COPY_KEY_CHARS:]
                    out.append((data[:_COPY_KEY_CHARS], list(zip(lines.casefold().split("\n"), lines.split("\n")))))
                else:
                    out.append((data, []))
                continue
            if key not in new:
                new[key] = recurring_lines_of(a.text)
            out.append(new[key])
        stale = stored.keys() - set(keys)
        if new or stale:

            def write(con) -> None:
                con.executemany(
                    "INSERT OR REPLACE INTO recurring VALUES (?,?)",
                    [(k, copy + "\n".join(line for _, line in lines)) for k, (copy, lines) in new.items()],
                )
                con.executemany("DELETE FROM recurring WHERE raw=?", [(k,) for k in stale])

            write_kept(self.ws, write)
        return out

    def run_batches(self, raws, run, size: int, tables, collect, idle: Callable[[], object] | None = None) -> list:
        """The per-article stage of :func:`tonlage.analysis.pipeline._analyse` for a workspace: each
        article's cut-down :class:`~tonlage.analysis.per_article.Parsed`, its batch's tables added to
        ``tables`` (:class:`~tonlage.analysis.tables.BatchTables`).

        A batch kept from an earlier analysis whose articles are all still there, unchanged and
        in the same order, is taken as it is (its Parquet part and tables, no article read
        back). A kept batch that holds articles named again after an actor-list change
        (:meth:`follow_actors`) is patched: their new results replace their rows
        (:meth:`~tonlage.analysis.tables.BatchTables.add_patched`), and the others' are taken
        from it. The others are made in batches of at most ``size`` articles: stored results read
        back, the rest handed to the workers by ``run(articles)`` (read by ``collect``: the
        workers parse the next batch while this one is written) and stored; each such batch is
        kept. What no article or batch uses any more is dropped at the end.

        ``idle()``, if given, is called before this process waits for the workers when all
        there is to parse fits in one batch (an add: once the kept batches are taken, while the
        workers parse the new articles), for work of the analysis that needs no article's new
        results."""
        from ...i18n import N_
        from .. import jobs

        keys = self._keys_of(raws)
        self._keys = keys
        self._packed = []
        members = [(a.article_id, k) for a, k in zip(raws, keys)]
        position = {m: i for i, m in enumerate(members)}
        stored, kept, part_digests, patch = self._kept_now()
        starts: dict[int, tuple[int, int]] = {}  # position -> (kept batch, its length)
        for bid, ms in sorted({**kept, **patch}.items()):
            i = position.get(ms[0]) if ms else None
            if i is not None and i not in starts and members[i : i + len(ms)] == ms:
                starts[i] = (bid, len(ms))
        jobs.stage(N_("Sentences, tone, actors and quotes"), total=sum(1 for k in set(keys) if k not in stored))
        steps, todos, later = _plan(keys, starts, stored, size, patch.keys())
        # Where this process waits for the workers with nothing to hand them any more: an add's
        # one batch of new texts. Not a first analysis: its read-ahead (the full duplicate
        # search) would run while the workers are still alive, and the peak memory of the
        # processes together went from 2.2 to 2.5 GB at 100,000 articles.
        planned = sum(map(len, todos))
        last_todo = max((i for i, todo in enumerate(todos) if todo), default=-1) if planned <= size else -1
        self.parsed_count = 0
        out: list = []
        used: set[int] = set()
        made: dict[str, object] = {}  # parsed this time and read again by a later batch
        ahead: dict[int, Iterator] = {}  # step -> its articles' results, handed to the workers

        def submit(step: int) -> None:
            if step < len(steps) and todos[step] and step not in ahead:
                ahead[step] = run([raws[at] for at in todos[step].values()])

        for step, (first, end, bid) in enumerate(steps):
            submit(step)
            # The workers parse the next batch that needs parsing while this one is written.
            submit(next((t for t in range(step + 1, len(steps)) if todos[t]), len(steps)))
            source = self._patch_source(bid) if bid in patch else None
            if bid is not None and bid not in patch:  # taken whole
                slim, features = self._kept_batch(tables, bid, *part_digests.get(bid, (None, -1)))
                out.extend(slim)
                if features:
                    self._packed.append((first, end, features))
                used.add(bid)
                continue
            # Patched (source) or made from its articles' results (a batch to patch that is gone
            # meanwhile, or kept whole by an older version, is made so too).
            if step == last_todo and idle is not None:
                idle()
            new = collect(ahead.pop(step)) if todos[step] else []
            if source is not None:
                at = [i for i in range(first, end) if raws[i].article_id in self._named_again]
                got = self._parsed(raws, [keys[i] for i in at], todos[step], new, stored, made, later)
                slim, features, (part, data) = self._patched(
                    tables, source, raws[first:end], [i - first for i in at], got
                )
                self._packed.append((first, end, features))
            else:
                got = self._parsed(raws, keys[first:end], todos[step], new, stored, made, later)
                filled = self._fill(raws[first:end])
                slim, batch, part = tables.add(raws[first:end], got, keep=True)
                for a in filled:  # read back again where needed: held, they were a corpus's texts
                    a.release()
                data = pack(_features_apart(batch))
            out.extend(slim)
            kept_id = self._store_batch((json.dumps(members[first:end]), part, data))
            if kept_id is not None:
                used.add(kept_id)
        self._drop_unused(stored - set(keys), sorted(set(kept) - used))
        return out

    def _drop_unused(self, stale: set[str], gone: list[int]) -> None:
        """Drop the kept results of texts no article has any more (``stale``), the kept batches
        this analysis did not take (``gone``) and, after an actor-list change, what is kept
        under another list (the batches it patched among them)."""
        if not (stale or gone or self._list_changed):
            return

        def drop(con) -> None:
            con.executemany("DELETE FROM kept_results WHERE key=?", [(k,) for k in stale])
            con.executemany("DELETE FROM kept_result_lists WHERE key=?", [(k,) for k in stale])
            con.executemany("DELETE FROM kept_batch_rows WHERE id=?", [(b,) for b in gone])
            con.executemany("DELETE FROM kept_batch_parts WHERE id=?", [(b,) for b in gone])
            if not self._list_changed:
                return
            # Rows made with another actor list, unless with the one the workspace follows now
            # (an analysis of a later list that runs beside this one).
            now = con.execute("SELECT value FROM meta WHERE key=?", (ACTORS_KEY,)).fetchone()
            lists = (self.actors, json.loads(now[0])["sig"] if now else self.actors)
            con.execute(
                "DELETE FROM kept_results WHERE key IN (SELECT key FROM kept_result_lists WHERE actors NOT IN (?,?))",
                lists,
            )
            con.execute("DELETE FROM kept_result_lists WHERE actors NOT IN (?,?)", lists)
            con.execute(
                "DELETE FROM kept_batch_rows WHERE id IN (SELECT id FROM kept_batch_parts WHERE actors NOT IN (?,?))",
                lists,
            )
            con.execute("DELETE FROM kept_batch_parts WHERE actors NOT IN (?,?)", lists)

        write_kept(self.ws, drop)

    def _kept_now(self):
        """What :meth:`run_batches` may take: the keys of the kept results, the kept batches
        (id -> members), their parts' (digest, size), and the batches to patch (id -> members)."""
        with self.ws._connect(write=False) as con:
            if not has_tables(con):
                return set(), {}, {}, {}
            stored = {r[0] for r in con.execute("SELECT key FROM kept_result_lists WHERE actors=?", (self.actors,))}
            kept = {bid: batch_members(data) for bid, data in con.execute(BATCHES_OF_LIST, (self.actors,))}
            part_digests = {
                bid: (digest, size)
                for bid, digest, size in con.execute(
                    "SELECT id, digest, size FROM kept_batch_parts WHERE actors=?", (self.actors,)
                )
            }
            return stored, kept, part_digests, self._patch_sources(con)

    def _kept_batch(self, tables, bid: int, digest: str | None, size: int) -> tuple[list, bytes]:
        """A kept batch taken whole into ``tables``: its articles' cut-down results and its packed
        theme features."""
        linked = self._linked(tables, bid, digest, size)
        if linked is not None:
            batch, slim = linked
            return slim, batch.features
        with self.ws._connect(write=False) as con:
            part, data = con.execute("SELECT part, data FROM kept_batch_rows WHERE id=?", (bid,)).fetchone()
        batch = unpack(data)
        # (a row left by a version that did not keep digests is checked by its size)
        return tables.add_kept(batch, part, digest if size == len(part) else None), batch.features

    def _patched(self, tables, source, raws, at: list[int], got: list) -> tuple[list, bytes, tuple[bytes, bytes]]:
        """A kept batch ``source`` (:meth:`_patch_source`) of the articles ``raws`` whose articles
        at positions ``at`` have the new results ``got``, patched into ``tables``
        (:meth:`~tonlage.analysis.tables.BatchTables.add_patched`): its articles' cut-down
        results, its packed theme features and (part, data) to keep."""
        filled = self._fill([raws[i] for i in at])
        slim, batch, part = tables.add_patched(*source, raws, at, got)
        for a in filled:
            a.release()
        features = unpack(batch.features)
        for i, parsed in zip(at, got):
            features[i] = ([sys.intern(f) for f in parsed.features], parsed.feature_sentences)
        batch = batch._replace(features=pack(features))
        return slim, batch.features, (part, pack(batch))

    def _patch_sources(self, con) -> dict[int, list[tuple[str, str]]]:
        """The kept batches to patch (see :meth:`follow_actors`): id -> members."""
        if not self._patch_batches:
            return {}
        return {
            bid: batch_members(data)
            for bid, data in con.execute(BATCHES_OF_LIST, (self._patch_list,))
            if bid in self._patch_batches
        }

    def _patch_source(self, bid: int):
        """(The :class:`~tonlage.analysis.tables.KeptBatch`, its Parquet part's bytes) of a batch
        to patch; None when it is gone (an analysis of another list dropped it meanwhile) or
        kept whole by an older version."""
        with self.ws._connect(write=False) as con:
            row = con.execute(
                "SELECT b.part, b.data FROM kept_batch_rows b JOIN kept_batch_parts p ON p.id = b.id "
                "WHERE b.id=? AND p.actors=?",
                (bid, self._patch_list),
            ).fetchone()
        if row is None:
            return None
        batch = unpack(row[1])
        return (batch, bytes(row[0])) if batch.languages is not None else None

    def _fill(self, articles) -> list:
        """Give the articles read without their texts (the kept ones of a batch made again, as
        after an actor-list change) their stored texts, read at once; those articles. One at a
        time, 9,000 of them took 3.5 s of a 15 s analysis."""
        unread = [a for a in articles if a.unread()]
        if unread:
            for a, utf8 in zip(unread, self.ws.texts_as_read([(a.article_id, a.digest()) for a in unread])):
                a.fill(utf8)
        return unread

    def _linked(self, tables, bid: int, digest: str | None, size: int):
        """A kept batch taken with the analysis cache's file of its part (``known_parts``: the
        cache keeps each part it was given, by digest) instead of its bytes kept here: reading
        the 148 MB of an add to a 100,000-article workspace's kept parts and writing them again
        took 0.3-0.5 s. Returns (the :class:`~tonlage.analysis.tables.KeptBatch`, its articles'
        results) once its tables are added to ``tables``; None when the cache has no file of
        that digest and size, or it cannot be taken (the part is then read here)."""
        if self.known_parts is None or not digest:
            return None
        path = self.known_parts(digest)
        try:
            if path is None or path.stat().st_size != size:
                return None
            with self.ws._connect(write=False) as con:
                (data,) = con.execute("SELECT data FROM kept_batch_rows WHERE id=?", (bid,)).fetchone()
            batch = unpack(data)
            return batch, tables.add_kept(batch, path, digest)
        except OSError:  # the cache let it go meanwhile
            return None

    def release_texts(self, raws) -> None:
        """Let go of every decoded text that is the one stored until the articles' texts are
        made (:meth:`texts`): after the duplicates nothing else reads a text, and the themes and
        the tables are the analysis's largest moments. A decoded text takes about twice its
        bytes; a first analysis decodes every text (for the sentences), an add only its new
        ones. An article read without its text holds none (released too). A text changed by the
        analysis (a recurring line taken out) is kept."""
        self._released = {i for i, a in enumerate(raws) if a.release(decoded_only=True)}

    def texts(self, raws, positions) -> list[bytes]:
        """The UTF-8 of ``raws`` at ``positions``, for a part of the articles' texts
        (:func:`tonlage.analysis.text_parts.texts_in_parts`): those let go read back from the workspace at
        once, checked against their digests; the others taken from the articles, which then let
        go of them (each text is then held once, in the part)."""
        back = iter(
            self.ws.texts_as_read([(raws[i].article_id, raws[i].digest()) for i in positions if i in self._released])
        )
        out = []
        for i in positions:
            if i in self._released:
                out.append(next(back))
            else:
                out.append(raws[i].utf8())
                raws[i].release()
        return out

    def _store_batch(self, row) -> int | None:
        """Keep a batch (members, Parquet part, :class:`~tonlage.analysis.tables.KeptBatch`); its id."""
        from ...storage.sentence_store import part_digest

        ids: list[int] = []
        digest = part_digest(row[1])

        def write(con) -> None:
            ids.append(con.execute("INSERT INTO kept_batch_rows VALUES (NULL,?,?,?)", row).lastrowid)
            con.execute(
                "INSERT OR REPLACE INTO kept_batch_parts VALUES (?,?,?,?)", (ids[-1], digest, len(row[1]), self.actors)
            )

        write_kept(self.ws, write)
        return ids[0] if ids else None

    def _parsed(self, raws, batch_keys: list[str], todo: dict[str, int], new: list, stored, made, later) -> list:
        """The :class:`~tonlage.analysis.per_article.Parsed` of a batch (its articles' ``batch_keys``):
        ``new`` for the keys of ``todo`` (key -> the article's position in ``raws``), stored now
        and kept in ``made`` when a later batch reads them (``later``); the others taken from
        ``made`` or read back."""
        found = {k: made[k] for k in set(batch_keys) & made.keys()}
        found.update(self._read((set(batch_keys) & stored) - found.keys()))
        self.parsed_count += len(new)
        for key, p in zip(todo, new):
            found[key] = p
            if key in later:
                made[key] = p
        if todo:
            rows = [(key, pack(found[key])) for key in todo]
            lists = [(key, self.actors, self._raw_of.get(id(raws[at]), key)) for key, at in todo.items()]

            def write(con) -> None:
                con.executemany("INSERT OR REPLACE INTO kept_results VALUES (?,?)", rows)
                con.executemany("INSERT OR REPLACE INTO kept_result_lists VALUES (?,?,?)", lists)

            write_kept(self.ws, write)
            stored.update(todo)
        return [found[k] for k in batch_keys]

    def _read(self, keys: set[str]) -> dict[str, object]:
        """The stored results of ``keys``."""
        found: dict[str, object] = {}
        if not keys:
            return found
        order = sorted(keys)
        with self.ws._connect(write=False) as con:
            for at in range(0, len(order), 500):  # SQLite's limit on parameters
                chunk = order[at : at + 500]
                sql = f"SELECT key, data FROM kept_results WHERE key IN ({','.join('?' * len(chunk))})"
                for key, data in con.execute(sql, chunk):
                    found[key] = unpack(data)
        return found

    def read_ahead(self, raws, order: list, random_state: int) -> None:
        """What the corpus-wide steps read of the workspace and need of no new article's
        results, made while the workers parse (``idle`` of :meth:`run_batches`): the duplicate
        groups (:meth:`duplicates` is then answered from here), the kept theme fit and the
        solver that places articles under it."""
        self._early_duplicates = (order, random_state, self.duplicates(raws, order, random_state))
        self._loaded_fit = self._load_fit()
        if self._loaded_fit[0] is not None:
            # The solver that places the new articles under the kept themes (ThemeModel.transform):
            # importing it took 0.3 s of an add, with the workers' results already in.
            import scipy.linalg  # noqa: F401
            import scipy.optimize  # noqa: F401


def _features_apart(batch):
    """``batch`` (a :class:`~tonlage.analysis.tables.KeptBatch`) as kept: compact, its articles' theme
    features packed on their own. Reading 51 kept batches back (100,000 articles) took 3.3 s of
    CPU on a loaded machine, 2.1 s of it unpickling 100,000 cut-down results; the features are
    needed only when the themes are fitted again or for articles the kept themes have not seen."""
    return batch._replace(
        slim=[],
        languages=[p.language for p in batch.slim],
        features=pack([(p.features, p.feature_sentences) for p in batch.slim]),
    )
