"""The embedding model's side effects on the rest of the process.

Each check runs in a fresh interpreter: what matters is what loading the model leaves behind
(imported modules, running threads), and the test process has long since loaded it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import ROOT
from tests.filebuilders import make_pdf


def _run(code: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=300,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_loading_the_model_leaves_scikit_learn_unimported_and_its_helper_working() -> None:
    out = _run(
        """
        import json, sys
        import numpy as np
        from analyzer.embeddings import embed
        vectors = embed(["ECIF funds the deployment partner."])
        loaded = "sklearn" in sys.modules
        from sentence_transformers.util import similarity
        distances = similarity.pairwise_distances(np.array([[0.0, 0.0], [3.0, 4.0]]))
        print(json.dumps({"shape": list(vectors.shape), "sklearn_after_load": loaded,
                          "distance": float(distances[0][1])}))
        """
    )
    assert out == {"shape": [1, 384], "sklearn_after_load": False, "distance": 5.0}


def test_a_long_pdf_is_still_read_in_two_processes_after_the_model_is_loaded(
    tmp_path: Path,
) -> None:
    pdf = make_pdf(
        tmp_path / "long.pdf",
        [[("para", f"Page {n}: Microsoft 365 E5 for 2,500 users.")] for n in range(1, 15)],
    )
    out = _run(
        f"""
        import json, threading
        from analyzer.embeddings import embed
        from analyzer.ingest import pdf
        embed(["Azure credits of USD 50,000 expire on 30 June 2027."])
        data = open({str(pdf)!r}, "rb").read()
        pages = pdf._read_parallel(data, None, 14)
        print(json.dumps({{"threads": threading.active_count(),
                           "parallel": pages is not None and len(pages) == 14}}))
        """
    )
    assert out == {"threads": 1, "parallel": True}
