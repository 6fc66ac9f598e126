"""L2-regularised logistic regression by Newton's method, on a design matrix with a bias column.

Shared by the second-stage ranker (`ranker.train_logistic`) and the intent model
(`intent_model.fit`): both are small (tens to a few hundred columns), so the exact Newton
step converges in a handful of iterations and needs no learning rate.
"""

from __future__ import annotations

import numpy as np


def newton_logistic(
    z: np.ndarray, y: np.ndarray, sample_weight: np.ndarray, l2: float, iters: int, tol: float
) -> np.ndarray:
    """Weights for the columns of `z` (the last column the bias: not penalised)."""
    w = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (sample_weight * (p - y)) + reg * w
        hess = (z * (sample_weight * p * (1 - p))[:, None]).T @ z + np.diag(reg + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < tol:
            break
    return w
