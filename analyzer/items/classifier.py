"""The clause classifier: a small trained head over all-MiniLM-L6-v2 sentence embeddings.

Rules know the program vocabulary; the head knows how clauses are phrased, which catches
funding described without a program name and commitments worded as intentions. The head is a
softmax layer stored as safetensors (no pickle) beside its config and model card in
``models/clause_classifier``; ``models/train_clause_classifier.py`` rebuilds it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ModelUnavailableError
from ..records import Category

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "clause_classifier"


@dataclass(frozen=True)
class Head:
    labels: tuple[Category, ...]
    weight: np.ndarray  # (n_labels, dim)
    bias: np.ndarray  # (n_labels,)

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        logits = vectors @ self.weight.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


@functools.lru_cache(maxsize=1)
def load_head(directory: Path = MODEL_DIR) -> Head:
    from safetensors.numpy import load_file

    try:
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        tensors = load_file(str(directory / "head.safetensors"))
    except (OSError, ValueError) as exc:
        raise ModelUnavailableError(
            f"the clause classifier is missing from {directory}; run "
            "`python models/train_clause_classifier.py`"
        ) from exc
    return Head(
        labels=tuple(config["labels"]),
        weight=tensors["weight"].astype(np.float32),
        bias=tensors["bias"].astype(np.float32),
    )


def classify_clauses(texts: Sequence[str]) -> list[tuple[Category, float]]:
    """Category and probability per clause, embedding only distinct texts, in one batch."""
    if not texts:
        return []
    from ..embeddings import embed

    head = load_head()
    probabilities = head.probabilities(embed(list(texts)))
    return [(head.labels[int(row.argmax())], float(row.max())) for row in probabilities]


def category_probabilities(texts: Sequence[str]) -> list[dict[Category, float]]:
    if not texts:
        return []
    from ..embeddings import embed

    head = load_head()
    probabilities = head.probabilities(embed(list(texts)))
    return [
        {label: float(p) for label, p in zip(head.labels, row, strict=True)}
        for row in probabilities
    ]
