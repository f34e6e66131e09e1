"""Insulation levels, their cost, and the supply temperature the emitters need.

Four levels (``vocabulary.INSULATION_LEVELS``), each reached from the dwelling's current state:

``current``
    Nothing done.
``basic``
    Draught-proofing (qv10 × ``physics.draught_proofing_qv10_factor``), radiator foil on
    uninsulated facades, floor insulation where the floor is uninsulated.
``standard``
    The "Standaard voor woningisolatie" element values (RVO pakket U-values): floor and roof
    Rc 3.5, cavity fill (post-war facades only), HR++ glass, insulated doors; plus the basic
    measures.
``deep``
    Standard plus facade insulation to Rc 3.5 (all facades), triple glass, better doors,
    balanced ventilation with heat recovery and airtightness to the target qv10.

Every element keeps ``min(current U, level U)``: a better current element is never made
worse and costs nothing. A dwelling whose household says it has already insulated starts from
the standard level (:func:`already_standard`). Costs are Σ treated area × unit cost (€/m²,
incl. VAT) + fixed costs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wupmodel.params import Params

__all__ = [
    "ELEMENTS",
    "LevelEnvelope",
    "already_standard",
    "insulation_levels",
    "emitter_supply_temp_c",
]

#: Envelope elements, in the order of the last axis of the U and area arrays.
ELEMENTS: tuple[str, ...] = ("floor", "facade", "roof", "window", "door")
_FLOOR, _FACADE, _ROOF, _WINDOW, _DOOR = range(5)
_EPS_U = 1e-9


@dataclass(frozen=True)
class LevelEnvelope:
    """Envelope of every dwelling at every insulation level (L = 4).

    Attributes
    ----------
    u_w_m2k
        U-value per element [W/m²K], shape (n, L, 5) in :data:`ELEMENTS` order.
    qv10_dm3s_m2
        Air leakage at 10 Pa per m² usable area [dm³/s·m²], shape (n, L).
    heat_recovery
        Heat-recovery efficiency of the ventilation [-], shape (L,).
    facade_foil_factor
        Multiplier on the facade transmission for radiator foil [-], shape (n, L).
    capex_eur
        Investment incl. VAT to reach the level from the current state [€], shape (n, L).
    insulated_area_m2
        Area of the insulation measures taken [m²], shape (n, L).
    n_measures
        Number of distinct ISDE insulation measures (floor, facade, roof, glazing incl. doors),
        shape (n, L), int.
    treated_area_m2
        Insulated area per element [m²], shape (n, L, 5) in :data:`ELEMENTS` order (for the
        ISDE amounts per measure).
    """

    u_w_m2k: np.ndarray
    qv10_dm3s_m2: np.ndarray
    heat_recovery: np.ndarray
    facade_foil_factor: np.ndarray
    capex_eur: np.ndarray
    insulated_area_m2: np.ndarray
    n_measures: np.ndarray
    treated_area_m2: np.ndarray


def insulation_levels(
    u_current_w_m2k: np.ndarray,
    area_m2: np.ndarray,
    qv10_current_dm3s_m2: np.ndarray,
    construction_year: np.ndarray,
    params: Params,
) -> LevelEnvelope:
    """Envelope, cost and measure count of the four insulation levels.

    Parameters
    ----------
    u_current_w_m2k
        Current U-value per element [W/m²K], shape (n, 5).
    area_m2
        Element areas of the dwelling [m²], shape (n, 5) (per dwelling; shared roofs and
        floors of apartments already divided).
    qv10_current_dm3s_m2
        Current air leakage [dm³/s per m² usable area], shape (n,).
    construction_year
        Construction year, shape (n,); cavity fill applies from ``physics.cavity_wall_from_year``.
    params
        Parameters (``physics.u_*``, ``physics.draught_proofing_*``, ``cost.insulation_*``).

    Returns
    -------
    LevelEnvelope
    """
    p = params
    u0 = np.asarray(u_current_w_m2k, dtype=float)
    area = np.asarray(area_m2, dtype=float)
    cavity = np.asarray(construction_year) >= p["physics.cavity_wall_from_year"]
    measures = _element_measures(u0, area, _target_u_w_m2k(u0, cavity, p), _unit_costs_eur_m2(p))
    # Radiator foil behind radiators on facades that stay uninsulated.
    bare_facade = measures.u_w_m2k[:, :, _FACADE] > p["physics.facade_uninsulated_u_w_m2k"]
    foil_factor, foil_cost_eur = _radiator_foil(bare_facade, p)
    capex_eur = measures.cost_eur.T + _fixed_costs_eur(p)[None, :] + foil_cost_eur  # incl. VAT
    return LevelEnvelope(
        u_w_m2k=measures.u_w_m2k,
        qv10_dm3s_m2=_air_leakage_dm3s_m2(qv10_current_dm3s_m2, p),
        heat_recovery=np.array([0.0, 0.0, 0.0, p["physics.heat_recovery_efficiency"]]),
        facade_foil_factor=foil_factor,
        capex_eur=capex_eur,
        insulated_area_m2=np.ascontiguousarray(measures.insulated_area_m2.T),
        n_measures=np.ascontiguousarray(_measure_count(measures.treated).T),
        treated_area_m2=np.stack(measures.treated_area_m2, axis=-1).transpose(1, 0, 2),
    )


def _target_u_w_m2k(u0: np.ndarray, cavity: np.ndarray, p: Params) -> dict[int, np.ndarray]:
    """Target U per element over the levels [W/m²K], (L, n) or (L, 1); inf = element untouched
    at that level. Floors only where uninsulated from basic on; cavity fill from standard on
    where the facade has a cavity (``cavity``, (n,))."""
    inf = np.inf
    floor_bare = u0[:, _FLOOR] > p["physics.floor_uninsulated_u_w_m2k"]
    u_floor = p["physics.u_floor_insulated_w_m2k"]
    u_deep = p["physics.u_facade_deep_w_m2k"]
    return {
        _FLOOR: np.where(
            floor_bare, _col([inf, u_floor, u_floor, u_floor]), _col([inf, inf, u_floor, u_floor])
        ),
        _FACADE: np.where(
            cavity,
            _col([inf, inf, p["physics.u_facade_cavity_w_m2k"], u_deep]),
            _col([inf, inf, inf, u_deep]),
        ),
        _ROOF: _col(
            [inf, inf, p["physics.u_roof_insulated_w_m2k"], p["physics.u_roof_insulated_w_m2k"]]
        ),
        _WINDOW: _col(
            [inf, inf, p["physics.u_window_hrpp_w_m2k"], p["physics.u_window_triple_w_m2k"]]
        ),
        _DOOR: _col(
            [inf, inf, p["physics.u_door_insulated_w_m2k"], p["physics.u_door_deep_w_m2k"]]
        ),
    }


def _unit_costs_eur_m2(p: Params) -> dict[int, np.ndarray]:
    """Unit cost incl. VAT per element and level [€/m²], (L, 1)."""
    cavity_wall, hrpp = p["cost.insulation_cavity_wall_eur_m2"], p["cost.glazing_hrpp_eur_m2"]
    return {
        _FLOOR: _col([p["cost.insulation_floor_eur_m2"]] * 4),
        _FACADE: _col([0.0, cavity_wall, cavity_wall, p["cost.insulation_facade_eur_m2"]]),
        _ROOF: _col([p["cost.insulation_roof_eur_m2"]] * 4),
        _WINDOW: _col([0.0, hrpp, hrpp, p["cost.glazing_triple_eur_m2"]]),
        _DOOR: _col([p["cost.door_insulated_eur_m2"]] * 4),
    }


@dataclass(frozen=True)
class _ElementMeasures:
    """The element measures of every dwelling at every level (level-major: (L, n) arrays)."""

    u_w_m2k: np.ndarray  # U per element after the level's measures, (n, L, 5)
    treated: list[np.ndarray]  # per element: treated at the level, (L, n) bool
    treated_area_m2: list[np.ndarray]  # per element: its area where treated, else 0, (L, n)
    cost_eur: np.ndarray  # Σ treated area × unit cost over the elements, (L, n)
    insulated_area_m2: np.ndarray  # Σ treated area over the elements, (L, n)


def _element_measures(
    u0: np.ndarray,
    area_m2: np.ndarray,
    target_u_w_m2k: dict[int, np.ndarray],
    unit_cost_eur_m2: dict[int, np.ndarray],
) -> _ElementMeasures:
    """Every element keeps min(current U, target U); it is treated where that is lower.

    One element at a time on level-major (L, n) arrays (long rows: fast), summed over the
    elements in element order.
    """
    n = u0.shape[0]
    u = np.empty((n, 4, len(ELEMENTS)))
    treated, areas, cost, insulated = [], [], 0.0, 0.0
    for e in range(len(ELEMENTS)):  # five elements
        u_e = np.minimum(u0[:, e], target_u_w_m2k[e])
        treated_e = u_e < u0[:, e] - _EPS_U
        area_e = np.where(treated_e, area_m2[:, e], 0.0)
        u[:, :, e] = u_e.T
        treated.append(treated_e)
        areas.append(area_e)
        cost = cost + area_e * unit_cost_eur_m2[e]
        insulated = insulated + area_e
    return _ElementMeasures(u, treated, areas, cost, insulated)


def _air_leakage_dm3s_m2(qv10_current_dm3s_m2: np.ndarray, p: Params) -> np.ndarray:
    """qv10 per level [dm³/s·m²], (n, L): draught-proofing from basic on; deep also caps qv10
    (airtight renovation)."""
    kier = p["physics.draught_proofing_qv10_factor"]
    qv0 = np.asarray(qv10_current_dm3s_m2, dtype=float)
    return np.stack(
        [qv0, qv0 * kier, qv0 * kier, np.minimum(qv0 * kier, p["physics.deep_qv10_max_dm3s_m2"])],
        axis=1,
    )


def _radiator_foil(bare_facade: np.ndarray, p: Params) -> tuple[np.ndarray, np.ndarray]:
    """Radiator foil on facades that stay uninsulated (``bare_facade``, (n, L)), from basic on:
    the factor on the facade transmission [-] and its cost [€], (n, L) each."""
    foil = np.where(bare_facade, p["physics.radiator_foil_facade_factor"], 1.0)
    foil[:, 0] = 1.0
    foil_cost = np.where(bare_facade, p["cost.radiator_foil_eur"], 0.0)
    foil_cost[:, 0] = 0.0
    return foil, foil_cost


def _fixed_costs_eur(p: Params) -> np.ndarray:
    """Costs per level that do not scale with an area, incl. VAT [€], (L,): draught-proofing
    from basic on, balanced ventilation at deep."""
    return np.array(
        [
            0.0,
            p["cost.draught_proofing_eur"],
            p["cost.draught_proofing_eur"],
            p["cost.draught_proofing_eur"] + p["cost.balanced_ventilation_eur"],
        ]
    )


def _measure_count(treated: list[np.ndarray]) -> np.ndarray:
    """Distinct ISDE insulation measures per level, (L, n) int: floor, facade, roof, and glazing
    (windows or doors) as one."""
    glazing = treated[_WINDOW] | treated[_DOOR]
    return treated[_FLOOR].astype(np.int64) + treated[_FACADE] + treated[_ROOF] + glazing


def _col(values: list[float]) -> np.ndarray:
    """A per-level constant as an (L, 1) column."""
    return np.array(values, dtype=float)[:, None]


def emitter_supply_temp_c(
    load_kw: np.ndarray,
    rated_kw: np.ndarray,
    supply_design_c: np.ndarray,
    return_design_c: np.ndarray,
    params: Params,
) -> np.ndarray:
    """Supply temperature the existing emitters need to deliver ``load_kw`` at design conditions.

    The emitters were sized for ``rated_kw`` at the design regime (supply/return, room at
    ``physics.design_indoor_temp_c``). EN 442: Q/Q_n = (ΔT_lm/ΔT_lm,n)^n with
    n = ``physics.radiator_exponent``. The water flow is taken as unchanged, so the
    supply–return difference scales with the load; the supply temperature then follows in
    closed form from the logarithmic mean temperature difference.

    Parameters
    ----------
    load_kw
        Heat load at the design outdoor temperature [kW].
    rated_kw
        Emitter output at the design regime [kW] (as-built design load × oversizing).
    supply_design_c, return_design_c
        Design regime [°C], e.g. 90/70.
    params
        Parameters.

    Returns
    -------
    np.ndarray
        Supply temperature [°C], clipped to [``physics.supply_temp_min_c``,
        ``physics.supply_temp_max_c``].
    """
    room = params["physics.design_indoor_temp_c"]
    n_exp = params["physics.radiator_exponent"]
    ts = np.asarray(supply_design_c, dtype=float)
    tr = np.asarray(return_design_c, dtype=float)
    dt_lm_n = (ts - tr) / np.log((ts - room) / (tr - room))
    ratio = np.clip(
        np.asarray(load_kw, dtype=float) / np.asarray(rated_kw, dtype=float), 1e-6, None
    )
    dt_lm = dt_lm_n * ratio ** (1.0 / n_exp)
    spread = (ts - tr) * ratio
    k = spread / dt_lm
    excess = spread / -np.expm1(-k)  # = spread·e^k / (e^k − 1)
    supply = room + excess
    return np.clip(supply, params["physics.supply_temp_min_c"], params["physics.supply_temp_max_c"])


def already_standard(
    env: LevelEnvelope,
    area_m2: np.ndarray,
    construction_year: np.ndarray,
    params: Params,
) -> LevelEnvelope:
    """The levels of dwellings whose current state already *is* the ``standard`` level.

    For a household that says it has already insulated (a survey's ``already_insulated: yes``):
    the standard measures (and the basic ones in them) are done and paid for. So ``current``,
    ``basic`` and ``standard`` all get the standard envelope (U-values, draught-proofed qv10,
    radiator foil) at no cost and with no new measures (no ISDE); ``deep`` is reached from that
    state: only the elements deep takes further (facade insulation, triple glass, better doors),
    at their full unit cost, plus balanced ventilation; the draught-proofing is not paid twice.

    Parameters
    ----------
    env
        :func:`insulation_levels` of these dwellings from their state as the stock says.
    area_m2, construction_year
        As for :func:`insulation_levels`.
    params
        Parameters.

    Returns
    -------
    LevelEnvelope
        The same shapes as ``env``.
    """
    std = 2  # INSULATION_LEVELS index of "standard"
    qv_std = env.qv10_dm3s_m2[:, std]
    again = insulation_levels(env.u_w_m2k[:, std, :], area_m2, qv_std, construction_year, params)
    u = again.u_w_m2k.copy()
    qv = np.stack(
        [qv_std, qv_std, qv_std, np.minimum(qv_std, params["physics.deep_qv10_max_dm3s_m2"])],
        axis=1,
    )
    foil = np.repeat(env.facade_foil_factor[:, std : std + 1], 4, axis=1)
    foil[:, 3] = again.facade_foil_factor[:, 3]
    # ``again`` charges draught-proofing (and foil) from basic on and finds nothing else to do up to
    # standard; deep keeps its element costs and the ventilation, not the draught-proofing.
    capex = np.zeros_like(env.capex_eur)
    bare = env.u_w_m2k[:, std, 1] > params["physics.facade_uninsulated_u_w_m2k"]
    capex[:, 3] = (
        again.capex_eur[:, 3]
        - params["cost.draught_proofing_eur"]
        - np.where(
            bare & (u[:, 3, 1] > params["physics.facade_uninsulated_u_w_m2k"]),
            params["cost.radiator_foil_eur"],
            0.0,
        )
    )
    zero_upto_std = np.array([0.0, 0.0, 0.0, 1.0])
    return LevelEnvelope(
        u_w_m2k=u,
        qv10_dm3s_m2=qv,
        heat_recovery=env.heat_recovery,
        facade_foil_factor=foil,
        capex_eur=capex,
        insulated_area_m2=again.insulated_area_m2 * zero_upto_std,
        n_measures=again.n_measures * zero_upto_std.astype(np.int64),
        treated_area_m2=again.treated_area_m2 * zero_upto_std[None, :, None],
    )
