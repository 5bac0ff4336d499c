"""What every LLM engine shares: an article cut into chunks that fit the model, the chunks called
concurrently, a reply cut off at the output limit retried as two halves of its chunk, and one
more call that combines the chunk summaries (it never re-reads the text).

The model sees numbered sentences (numbered across the whole article, so chunks keep them) and
cites them: every commitment's and ask's evidence, and every key point, is the article's own
sentence by construction; an item citing no sentence of its chunk is left out with a warning.

An engine subclasses ChunkedLLMEngine and writes only `extract_chunk` and `combine`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from ..chunking import Chunk, chunk_text, split_chunk
from ..errors import InvalidOutputError, OutputTruncated, TruncatedError
from ..models import Article, Ask, Commitment, Extraction, Usage
from ..offline import extract as offline_extract
from ..offline import hedged_at, judged_plausible, key_points_beside, states_condition
from ..prompts import CUES, NumberedSentence, cue_positions, worth_judging
from ..schema import SENTENCE_END
from ..sentences import paragraphs, sentences, split_sentences
from ..settings import Settings
from ..tokens import count_tokens, encoding_name_for_model
from .base import EngineResult

# Tokens reserved for instructions, schema and markers when sizing chunks from the context.
PROMPT_RESERVE_TOKENS = 700
MAX_SPLIT_DEPTH = 3


def chunk_budget(settings: Settings) -> int:
    """Tokens of article text per call: --chunk-tokens, else what the context leaves."""
    if settings.chunk_tokens:
        return settings.chunk_tokens
    room = settings.context_window() - PROMPT_RESERVE_TOKENS - settings.max_output_tokens
    return max(room, 256)


class ChunkedLLMEngine:
    """Chunking, concurrency and split-on-truncation for engines that call a model."""

    cacheable = True
    waits_on_network = True
    settings: Settings
    model: str

    def extract_chunk(
        self, sentences: list[NumberedSentence], title: str, deadline: float
    ) -> tuple[Extraction, Usage]:
        """Findings of one chunk's sentences, citing them by number; raises OutputTruncated when
        the reply was cut off."""
        raise NotImplementedError

    def combine(self, summaries: list[str], deadline: float) -> tuple[str, Usage]:
        """One summary from the chunks' summaries."""
        raise NotImplementedError

    def tokenizer(self) -> str:
        return encoding_name_for_model(self.model)

    def extract_article(self, article: Article, deadline: float) -> EngineResult:
        encoding = self.tokenizer()

        def count(text: str) -> int:
            return count_tokens(text, encoding)

        budget = chunk_budget(self.settings)
        if len(article.text.encode("utf-8")) <= budget:
            # No token is shorter than a byte, so this fits without counting: the call goes out
            # before the tokenizer is built, and counting overlaps with network waits.
            chunks = [Chunk(0, len(article.text), article.text, -1)]
        else:
            chunks = chunk_text(article.text, budget, count)
        result = EngineResult([])
        # One pass of the offline engine (its rules and its sentence judge) gives the drafts,
        # who's who, and a summary should the model write none.
        rules = offline_extract(article, self.settings.summary_words)
        numbered, drafts = with_drafts(article, number_sentences(article.text), rules)
        result.extractions = self._extract_chunks(
            chunks, article, numbered, drafts, count, deadline, result
        )
        limit = self.settings.summary_words
        for extraction in result.extractions:
            extraction.summary = within_words(
                whole_sentences(extraction.summary, result.warnings), limit
            )
        if result.extractions and not any(e.summary for e in result.extractions):
            # SmolLM2-135M wrote an empty summary when the schema allowed one: say so, and show
            # the rules' extractive summary rather than none.
            result.extractions[0].summary = rules.summary
            result.warnings.append(
                "the model wrote no summary: the summary shown is the offline engine's, "
                "sentences of the article"
            )
        # Who's who from the text itself, for every engine (see schema.ITEM_TYPES).
        result.extractions.append(Extraction(entities=rules.entities))
        summaries = [e.summary for e in result.extractions if e.summary]
        if len(summaries) > 1:
            try:
                summary, used = self.combine(summaries, deadline)
                result.usage.add(used)
                result.summary = within_words(summary, limit)
            except (InvalidOutputError, OutputTruncated) as exc:
                if isinstance(exc, OutputTruncated):
                    result.usage.add(exc.usage)  # the cut reply was paid for
                # The chunk summaries are still good: keep the first sentence of each.
                firsts = (split_sentences(s) for s in summaries)
                result.summary = " ".join(s[0] for s in firsts if s)
                result.warnings.append(
                    f"the summaries of the article's parts could not be combined ({exc}); "
                    "the summary is the first sentence of each"
                )
        # Key points: the article's most salient sentences by the rules' ranking, beside the
        # model's summary. On 20 bbc-summary politics articles they score R1 62.2 against the
        # reference summaries, the ones Qwen2.5-1.5B picked 49.8 (benchmarks/README.md).
        summary = result.summary if result.summary is not None else " ".join(summaries)
        quoted = frozenset(
            [c.evidence for e in result.extractions for c in e.commitments]
            + [a.evidence for e in result.extractions for a in e.asks]
        )
        result.key_points = key_points_beside(article, summary, quoted)
        return result

    def _extract_chunks(
        self,
        chunks: list[Chunk],
        article: Article,
        numbered: list[tuple[NumberedSentence, int, int]],
        drafts: Drafts,
        count: Callable[[str], int],
        deadline: float,
        result: EngineResult,
    ) -> list[Extraction]:
        """Chunks run concurrently (the engine's gate bounds calls in flight). A reply cut off
        at the output limit is retried as two halves of its chunk; a piece still cut off after
        MAX_SPLIT_DEPTH splits is left out with a warning, unless nothing else succeeded."""

        def run(chunk: Chunk, depth: int = 0) -> tuple[list[Extraction], Usage, list[str]]:
            passage = [(s, a, b) for s, a, b in numbered if chunk.start <= a < chunk.end]
            try:
                extraction, used = self.extract_chunk(
                    [s for s, _, _ in passage], article.title, deadline
                )
                notes: list[str] = []
                cite(extraction, {s.number: article.text[a:b] for s, a, b in passage}, notes)
                judged = {s.number: s.text for s, _, _ in passage if worth_judging(s)}
                reconcile(extraction, drafts, judged, notes, self.settings.keeps_all_model_items())
                return [extraction], used, notes
            except OutputTruncated as cut:
                halves = split_chunk(chunk, count, article.text)
                if len(halves) < 2 or depth >= MAX_SPLIT_DEPTH:
                    skipped = (
                        f"“{' '.join(chunk.text.split()[:8])}…” ({len(chunk.text)} characters)"
                    )
                    return (
                        [],
                        cut.usage,
                        [
                            f"the model's reply for one part was cut off at the output "
                            f"limit even after splitting; left out: {skipped}"
                        ],
                    )
                parts = _map(lambda half: run(half, depth + 1), halves)
                total = Usage()
                total.add(cut.usage)
                for _, used, _ in parts:
                    total.add(used)
                return (
                    [e for found, _, _ in parts for e in found],
                    total,
                    [w for _, _, notes in parts for w in notes],
                )

        outcomes = _map(run, chunks)
        for _, used, notes in outcomes:
            result.usage.add(used)
            result.warnings.extend(notes)
        extractions = [e for found, _, _ in outcomes for e in found]
        if not extractions:
            raise TruncatedError(
                "the model's reply was cut off at the output limit even after splitting "
                "(raise --max-output-tokens)"
            )
        return extractions


def number_sentences(text: str) -> list[tuple[NumberedSentence, int, int]]:
    """Every sentence of the article, numbered from 1 as the model and the note's `sentence`
    field count them, with its span."""
    out: list[tuple[NumberedSentence, int, int]] = []
    for p_start, p_end in paragraphs(text):
        for k, (a, b) in enumerate(sentences(text, p_start, p_end)):
            out.append((NumberedSentence(len(out) + 1, text[a:b], k == 0), a, b))
    return out


Drafts = dict[int, list[Commitment | Ask]]


def with_drafts(
    article: Article, numbered: list[tuple[NumberedSentence, int, int]], found: Extraction
) -> tuple[list[tuple[NumberedSentence, int, int]], Drafts]:
    """The sentences, each with the offline engine's guesses at its commitments and asks
    (`found`), and those guesses by sentence number: the drafts stand, and the model adds what
    they missed (see reconcile)."""
    from dataclasses import replace

    starts = [a for _, a, _ in numbered]
    drafts: Drafts = {}
    guesses: list[Commitment | Ask] = [*found.commitments, *found.asks]
    for item in guesses:
        at = article.text.find(item.evidence)
        if at >= 0:
            number = numbered[bisect_right(starts, at) - 1][0].number
            drafts.setdefault(number, []).append(item)
    sentences = [
        (replace(s, drafts=tuple(map(describe_draft, drafts[s.number]))), a, b)
        if s.number in drafts
        else (s, a, b)
        for s, a, b in numbered
    ]
    return sentences, drafts


def reconcile(
    extraction: Extraction,
    drafts: Drafts,
    judged: dict[int, str],
    warnings: list[str],
    all_own: bool = False,
) -> None:
    """The offline engine's drafts stand (the field checks then hold them to the text); the
    model's own items count only in the passage's [n*] sentences (`judged`, number to text) that
    have no draft, and only where the sentence has a word of the item's kind ("urge", "should"
    for an ask; "will", "pledge" for a commitment): what the rules missed, where the words
    signal it. Unless `all_own` (`--model-items all`), also only where the offline sentence
    judge finds an item of that kind plausible: Qwen2.5-1.5B's own items were wrong 2 times in
    2 on 31 tuning articles, and 20 in 22 on 12 val articles in an earlier round.

    Why the model does not judge the drafts: Qwen2.5-1.5B, asked for the numbers of the drafts
    to reject, wrote a run of consecutive numbers whatever the article; asked for a keep/reject
    verdict on each, wrote the same sequence every time; asked one draft at a time, approved
    9 of 9 wrong drafts. And 20 of the 22 items it added on 12 val articles were wrong, most in
    sentences with no word of promise or request. (benchmarks/README.md)"""
    kept: list[Commitment | Ask] = [
        item for number in sorted(drafts) if number in judged for item in drafts[number]
    ]
    replied: list[Commitment | Ask] = [*extraction.commitments, *extraction.asks]
    own = [i for i in replied if i.sentence in judged and i.sentence not in drafts]
    fitting = [i for i in own if could_hold(_kind(i), judged[i.sentence])]
    for item in fitting:  # a condition the sentence does not state is not one
        item.conditional = item.conditional and states_condition(judged[item.sentence])
    if len(fitting) < len(own):
        warnings.append(
            f"{len(own) - len(fitting)} item(s) from the model were left out: their sentence "
            f"has no word of a commitment or an ask of that kind"
        )
    if not all_own:
        plausible = [
            i
            for i in fitting
            if judged_plausible(_kind(i), judged[i.sentence], max(0, i.sentence - 1))
        ]
        if len(plausible) < len(fitting):
            warnings.append(
                f"{len(fitting) - len(plausible)} item(s) from the model were left out: the "
                "offline sentence judge finds no such item likely in their sentence "
                "(--model-items all keeps them)"
            )
        fitting = plausible
    extraction.commitments = [i for i in [*kept, *fitting] if isinstance(i, Commitment)]
    extraction.asks = [i for i in [*kept, *fitting] if isinstance(i, Ask)]


def could_hold(kind: str, text: str) -> bool:
    """Whether an item of the model's own of this kind can count in this sentence: it is no
    question ("Who will give taxpayers value for money?" pledges nothing; the rules read none in
    a question either), it uses a word of that kind, and for a commitment one that no hedge or
    forecast governs (the rules' reading: "more likely than not that the ban would be lifted"
    commits no one)."""
    if text.rstrip("\"”’' ").endswith("?"):
        return False
    positions = cue_positions(CUES[kind], text)
    if kind == "commitment":
        positions = [p for p in positions if not hedged_at(text, p)]
    return bool(positions)


def citable(sentences: list[NumberedSentence]) -> dict[str, list[int]]:
    """The numbers of the [n*] sentences without a draft where an item of the model's own of
    each kind could count: the only ones a grammar lets it cite (schema.with_room)."""
    open_ = [s for s in sentences if worth_judging(s) and not s.drafts]
    return {
        "commitments": [s.number for s in open_ if could_hold("commitment", s.text)],
        "asks": [s.number for s in open_ if could_hold("ask", s.text)],
    }


def _kind(item: Commitment | Ask) -> str:
    return "ask" if isinstance(item, Ask) else "commitment"


def describe_draft(item: Commitment | Ask) -> str:
    if isinstance(item, Ask):
        head = f"ask; actor: {item.actor}; addressee: {item.addressee or '?'}"
    else:
        head = f"commitment; actor: {item.actor}; stance: {item.stance}"
    parts = [head, f"action: {item.action}"]
    if item.deadline:
        parts.append(f"deadline: {item.deadline}")
    if item.said_by:
        parts.append(f"said_by: {item.said_by}")
    if item.conditional:
        parts.append("conditional: true")
    return "; ".join(parts)


def cite(extraction: Extraction, by_number: dict[int, str], warnings: list[str]) -> None:
    """Evidence from the sentences a reply cites; items citing a number outside the passage are
    dropped (a model cannot invent a quote, but it can miscount)."""
    dropped = 0
    for kind in ("commitments", "asks"):
        kept = []
        for item in getattr(extraction, kind):
            if item.sentence in by_number:
                item.evidence = by_number[item.sentence]
                kept.append(item)
            else:
                dropped += 1
        setattr(extraction, kind, kept)
    if dropped:
        warnings.append(
            f"{dropped} commitment(s) or ask(s) from the model cited no sentence of the article "
            f"and were left out"
        )


def whole_sentences(summary: str, warnings: list[str]) -> str:
    """The summary without a last sentence the model left unfinished (an output cut short, or
    a bare quotation mark that ended the string under a server's grammar)."""
    text = summary.strip()
    if not text or SENTENCE_END.search(text):
        return text
    complete = split_sentences(text)[:-1]
    kept = " ".join(complete) if complete and SENTENCE_END.search(complete[-1]) else ""
    if kept:
        warnings.append("the summary's last sentence was unfinished and was left out")
        return kept
    warnings.append("the summary stops mid-sentence (marked …)")
    return text.rstrip(" ,;:-–—") + " …"


# A model's summary may run past its word limit (Qwen2.5-1.5B wrote up to 185 words for 100);
# whole sentences are kept up to this much over it.
SUMMARY_SLACK = 1.25


def within_words(summary: str, limit: int) -> str:
    """The summary's first whole sentences within about `limit` words (at least one)."""
    if len(summary.split()) <= limit * SUMMARY_SLACK:
        return summary
    kept: list[str] = []
    words = 0
    for sentence in split_sentences(summary):
        words += len(sentence.split())
        if kept and words > limit * SUMMARY_SLACK:
            break
        kept.append(sentence)
    return " ".join(kept) if kept else summary


T = TypeVar("T")
R = TypeVar("R")


def _map(function: Callable[[T], R], items: list[T]) -> list[R]:
    """function over items, concurrently when there are several, results in input order.
    Every item runs even when one raises (pool.map would cancel those not started): a batch
    run learns every request of an article in one pass."""
    if len(items) == 1:
        return [function(items[0])]
    with ThreadPoolExecutor(max_workers=min(len(items), 32)) as pool:
        futures = [pool.submit(function, item) for item in items]
        return [future.result() for future in futures]
