"""Attention indices: how much of a report speaks of a domain, counted in jieba tokens.

Researchers measure what a government pays attention to by the share of a report's words
that belong to a domain's lexicon. Each plugin ships its lexicon as data (``lexicon.txt``,
with the source it comes from); its terms are added to jieba's dictionary so that a
multi-character term (碳达峰, 垃圾分类) stays one token. Every result carries the SHA-256 of
the lexicon it was computed with, so a published index can be reproduced.

jieba's dictionary (about a second to load) is loaded here once, on first use, never at import;
each lexicon's tokenizer is a copy of it with the lexicon's terms added.
"""
from __future__ import annotations

import hashlib
import threading
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterable, Sequence

import attrs

from govreport._registry import select_plugins

if TYPE_CHECKING:  # pragma: no cover
    from govreport._model import Report

__all__ = ["Attention", "attention", "lexicon_hash"]

_lock = threading.Lock()
_base: list[Any] = []  # the one tokenizer that holds jieba's dictionary, once loaded
_tokenizers: dict[str, Any] = {}


def lexicon_hash(terms: Sequence[str]) -> str:
    """SHA-256 of a lexicon: its terms, deduplicated and sorted, one a line (UTF-8)."""
    canonical = "\n".join(sorted(set(terms))) + "\n"
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _base_tokenizer() -> Any:
    """jieba's tokenizer with its dictionary loaded: once per process (about a second)."""
    if not _base:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        base = jieba.Tokenizer()
        base.initialize()
        _base.append(base)
    return _base[0]


def _tokenizer(terms: Sequence[str]) -> Any:
    """A tokenizer that knows ``terms``: the one loaded dictionary, copied (about 10 ms, not
    a second reload), with the lexicon's terms added. Each lexicon segments on its own, so
    one domain's index never depends on which other plugins are installed."""
    key = lexicon_hash(terms)
    with _lock:
        tokenizer = _tokenizers.get(key)
        if tokenizer is None:
            import jieba

            base = _base_tokenizer()
            tokenizer = jieba.Tokenizer(base.dictionary)
            tokenizer.FREQ, tokenizer.total = dict(base.FREQ), base.total
            tokenizer.initialized = True
            for term in terms:
                tokenizer.add_word(term, freq=100000)
            _tokenizers[key] = tokenizer
    return tokenizer


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def _ratio(part: int, whole: int, scale: int = 1) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(part * scale) / Decimal(whole)).quantize(Decimal("0.000001"))


@attrs.frozen
class Attention:
    """One domain's attention index over one scope (the report, or one section).

    ``scope`` is ``""`` for the whole report, else the section path (``"1/2"``).
    ``tokens`` counts word tokens (punctuation and spaces are not words).
    """

    domain: str
    plugin: str
    scope: str
    tokens: int
    hits: int
    chars: int
    sentences: int
    sentences_with_hit: int
    term_hits: tuple[tuple[str, int], ...]
    lexicon_source: str
    lexicon_sha256: str

    @property
    def share_of_tokens(self) -> Decimal:
        """Lexicon hits / word tokens."""
        return _ratio(self.hits, self.tokens)

    @property
    def hits_per_1000_chars(self) -> Decimal:
        """Lexicon hits per 1,000 characters of text."""
        return _ratio(self.hits, self.chars, 1000)

    @property
    def share_of_sentences(self) -> Decimal:
        """Share of sentences with at least one lexicon hit."""
        return _ratio(self.sentences_with_hit, self.sentences)

    def to_record(self) -> dict[str, Any]:
        """A flat dict for CSV/JSON output."""
        return {
            "domain": self.domain, "plugin": self.plugin, "scope": self.scope,
            "tokens": self.tokens, "hits": self.hits, "chars": self.chars,
            "sentences": self.sentences, "sentences_with_hit": self.sentences_with_hit,
            "share_of_tokens": self.share_of_tokens,
            "hits_per_1000_chars": self.hits_per_1000_chars,
            "share_of_sentences": self.share_of_sentences,
            "term_hits": dict(self.term_hits),
            "lexicon_source": self.lexicon_source, "lexicon_sha256": self.lexicon_sha256,
        }


def _count(tokenized: Sequence[tuple[int, list[str]]], terms: frozenset[str]) -> tuple[int, int, int, dict[str, int]]:
    tokens = hits = with_hit = 0
    per_term: dict[str, int] = {}
    for _chars, words in tokenized:
        sentence_hits = 0
        for word in words:
            tokens += 1
            if word in terms:
                sentence_hits += 1
                per_term[word] = per_term.get(word, 0) + 1
        hits += sentence_hits
        with_hit += sentence_hits > 0
    return tokens, hits, with_hit, per_term


def attention(
    report: "Report", plugins: Iterable[str] | str | None = None, *, by_section: bool = True,
) -> list[Attention]:
    """Attention indices of ``report`` for each plugin with a lexicon (default: all).

    One :class:`Attention` for the whole report per domain, then (with ``by_section``)
    one per section, sections in document order (a section's counts include its children).
    """
    results: list[Attention] = []
    sentences = report.sentences
    for plugin in select_plugins(plugins):
        terms = tuple(getattr(plugin, "lexicon", ()) or ())
        if not terms:
            continue
        tokenizer = _tokenizer(terms)
        term_set = frozenset(terms)
        digest = lexicon_hash(terms)
        tokenized = [(len(s.text), [w for w in tokenizer.lcut(s.text) if _is_word(w)])
                     for s in sentences]
        scopes: list[tuple[str, list[int]]] = [("", list(range(len(sentences))))]
        if by_section:
            for section in report.iter_sections():
                indices = [i for i, s in enumerate(sentences)
                           if section.start <= s.start < section.end]
                scopes.append(("/".join(map(str, section.path)), indices))
        for scope, indices in scopes:
            chosen = [tokenized[i] for i in indices]
            tokens, hits, with_hit, per_term = _count(chosen, term_set)
            results.append(Attention(
                domain=plugin.domain, plugin=plugin.name, scope=scope, tokens=tokens,
                hits=hits, chars=sum(chars for chars, _ in chosen), sentences=len(chosen),
                sentences_with_hit=with_hit, term_hits=tuple(sorted(per_term.items())),
                lexicon_source=getattr(plugin, "lexicon_source", ""), lexicon_sha256=digest,
            ))
    return results
