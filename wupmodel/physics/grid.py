"""Electric peak on the low-voltage grid: simultaneity of dwelling peaks and appliance load.

Simultaneity f(n) = a + (1 − a)/n: the functional form of THERMOS (0.62 + 0.38/n), with the
asymptote a = ``grid.simultaneity_asymptote`` = 0.5 of PBL Vesta (GTF_w_Enet, Dutch grid
operators). It is 1 for a single dwelling and tends to Vesta's 0.5 for a village or zone; we
take Vesta's asymptote because it is the Dutch LV-grid figure, and THERMOS's form because a
constant 0.5 would halve the peak of a single dwelling.
"""

from __future__ import annotations

import numpy as np

from wupmodel.params import Params

__all__ = ["simultaneity_factor", "diversified_peak_kw", "appliance_peak_kw", "dwelling_peak_kw"]


def simultaneity_factor(n_dwellings: np.ndarray | float, params: Params) -> np.ndarray:
    """Simultaneity f(n) = a + (1 − a)/n for n ≥ 1 dwellings [-]."""
    n = np.maximum(np.asarray(n_dwellings, dtype=float), 1.0)
    a = params["grid.simultaneity_asymptote"]
    return a + (1.0 - a) / n


def diversified_peak_kw(
    peak_kw_sum: np.ndarray | float, n_dwellings: np.ndarray | float, params: Params
) -> np.ndarray:
    """Peak of a group of dwellings after simultaneity [kW].

    Parameters
    ----------
    peak_kw_sum
        Sum of the individual dwelling peaks (heating + appliances) [kW].
    n_dwellings
        Number of dwellings in the group.
    params
        ``grid.simultaneity_asymptote``.
    """
    return np.asarray(peak_kw_sum, dtype=float) * simultaneity_factor(n_dwellings, params)


def appliance_peak_kw(n: int, params: Params) -> np.ndarray:
    """Appliance contribution of each of ``n`` dwellings at the evening winter peak [kW],
    shape (n,).

    Before simultaneity (apply :func:`diversified_peak_kw` to the sum).
    """
    return np.full(int(n), params["grid.appliance_peak_kw"])


def dwelling_peak_kw(heating_peak_kw: np.ndarray, params: Params) -> np.ndarray:
    """Electric peak of one dwelling, heating and appliances, before simultaneity [kW].

    The larger of the appliance evening peak (``grid.appliance_peak_kw``) and the heating peak
    at the design temperature plus the appliance load coinciding with it
    (``grid.appliance_at_heating_peak_kw``): the two peaks do not fall in the same hour, so a
    dwelling without electric heating keeps the appliance peak.

    The appliance evening peak (3.0 kW, PBL Vesta's 2.4-3.6 kW per dwelling) is therefore the
    floor of every dwelling's peak: the reference, hybrids with a small heat pump and insulated
    all-electric dwellings whose heating peak is below 2.0 kW all show exactly 3.0 kW. It is an
    appliance peak, not a connection minimum; a village of such dwellings has the reference's
    grid peak. Treating the two peaks as non-coincident per dwelling is an assumption: on a
    cold evening heat pumps run while appliances peak, so the village peak of all-electric
    dwellings may lie somewhat above this model's.
    """
    h = np.asarray(heating_peak_kw, dtype=float)
    return np.maximum(
        params["grid.appliance_peak_kw"], h + params["grid.appliance_at_heating_peak_kw"]
    )
