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

Each level is a **target per building element** (a U-value; ``inf`` = the level leaves the
element alone). An element already at or better than its target is not touched and costs
nothing; for the basic and standard levels a closed element (floor, facade, roof) also counts
as meeting the target when it has the insulation the Bouwbesluit has required since 1992
(Rc 2.5: ``physics.insulation_meets_u_w_m2k``), the state PBL's Startanalyse counts as insulated
enough (label B). What the dwelling lacks is what it pays for: Σ area to improve × unit cost
(€/m², incl. VAT), plus draught-proofing where the air leakage is above the streefwaarde
(``physics.deep_qv10_max_dm3s_m2``), radiator foil on bare facades and, at deep, balanced
ventilation.

An element may be in two states at once (:class:`ElementState`): a share of its area already
improved to the standard target (a dwelling labelled better than its archetype's default) or
still as built (labelled worse); each part is treated, and paid for, only where it misses the
target (:func:`label_element_state` derives the shares from the label). A dwelling whose
household says it has already insulated starts from the standard level
(:func:`already_standard`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wupmodel.params import Params

__all__ = [
    "ELEMENTS",
    "ElementState",
    "LevelEnvelope",
    "already_standard",
    "insulation_levels",
    "label_element_state",
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


@dataclass(frozen=True)
class ElementState:
    """Each element as two parts: ``share`` of its area at ``u_other_w_m2k``, the rest at the
    archetype's current U.

    Attributes
    ----------
    u_other_w_m2k
        U-value of the other part [W/m²K], (n, 5) in :data:`ELEMENTS` order.
    share
        Share of the element's area in that part [-], (n, 5), 0..1.
    """

    u_other_w_m2k: np.ndarray
    share: np.ndarray


def insulation_levels(
    u_current_w_m2k: np.ndarray,
    area_m2: np.ndarray,
    qv10_current_dm3s_m2: np.ndarray,
    construction_year: np.ndarray,
    params: Params,
    state: ElementState | None = None,
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
    state
        Parts of the elements in another state than ``u_current_w_m2k`` (the label's,
        :func:`label_element_state`); None = every element wholly at ``u_current_w_m2k``.

    Returns
    -------
    LevelEnvelope
    """
    p = params
    u0 = np.asarray(u_current_w_m2k, dtype=float)
    area = np.asarray(area_m2, dtype=float)
    cavity = np.asarray(construction_year) >= p["physics.cavity_wall_from_year"]
    if state is None:
        state = ElementState(u0, np.zeros_like(u0))
    target = _target_u_w_m2k(u0, cavity, p)
    measures = _element_measures(
        u0, state, area, target, _meets_u_w_m2k(target, p), _unit_costs_eur_m2(p)
    )
    # Radiator foil behind radiators on facades that stay uninsulated.
    bare_facade = measures.u_w_m2k[:, :, _FACADE] > p["physics.facade_uninsulated_u_w_m2k"]
    foil_factor, foil_cost_eur = _radiator_foil(bare_facade, p)
    qv0 = np.asarray(qv10_current_dm3s_m2, dtype=float)
    leaky = qv0 > p["physics.deep_qv10_max_dm3s_m2"]
    capex_eur = measures.cost_eur.T + _fixed_costs_eur(leaky, p) + foil_cost_eur  # incl. VAT
    return LevelEnvelope(
        u_w_m2k=measures.u_w_m2k,
        qv10_dm3s_m2=_air_leakage_dm3s_m2(qv0, leaky, p),
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


def _meets_u_w_m2k(target: dict[int, np.ndarray], p: Params) -> dict[int, np.ndarray]:
    """U at or below which an element counts as meeting the level's target, (L, n) or (L, 1):
    the target itself, and for the closed elements at basic and standard also the Rc 2.5 the
    Bouwbesluit has required since 1992 (``physics.insulation_meets_u_w_m2k``)."""
    closed_rule = _col([0.0, 1.0, 1.0, 0.0]) * p["physics.insulation_meets_u_w_m2k"]
    out = {}
    for e, t in target.items():
        out[e] = np.maximum(t, closed_rule) if e in (_FLOOR, _FACADE, _ROOF) else t
        out[e] = np.where(np.isinf(t), np.inf, out[e])
    return out


@dataclass(frozen=True)
class _ElementMeasures:
    """The element measures of every dwelling at every level (level-major: (L, n) arrays)."""

    u_w_m2k: np.ndarray  # U per element after the level's measures, (n, L, 5)
    treated: list[np.ndarray]  # per element: some of it treated at the level, (L, n) bool
    treated_area_m2: list[np.ndarray]  # per element: the area treated, (L, n)
    cost_eur: np.ndarray  # Σ treated area × unit cost over the elements, (L, n)
    insulated_area_m2: np.ndarray  # Σ treated area over the elements, (L, n)


def _element_measures(
    u0: np.ndarray,
    state: ElementState,
    area_m2: np.ndarray,
    target_u_w_m2k: dict[int, np.ndarray],
    meets_u_w_m2k: dict[int, np.ndarray],
    unit_cost_eur_m2: dict[int, np.ndarray],
) -> _ElementMeasures:
    """Each part of an element (the current U, and ``state``'s other part) that misses the
    level's target (U above what meets it) is brought to the target and paid for; a part that
    meets it is left as it is, free.

    One element at a time on level-major (L, n) arrays (long rows: fast), summed over the
    elements in element order.
    """
    n = u0.shape[0]
    u = np.empty((n, 4, len(ELEMENTS)))
    treated, areas, cost, insulated = [], [], 0.0, 0.0
    for e in range(len(ELEMENTS)):  # five elements
        target, meets = target_u_w_m2k[e], meets_u_w_m2k[e]
        share = state.share[:, e]
        u_e = 0.0
        area_e = 0.0
        for u_part, part in ((u0[:, e], 1.0 - share), (state.u_other_w_m2k[:, e], share)):
            fix = u_part > meets + _EPS_U
            u_e = u_e + part * np.where(fix, target, u_part)
            area_e = area_e + np.where(fix, part * area_m2[:, e], 0.0)
        u[:, :, e] = u_e.T
        treated.append(area_e > 0)
        areas.append(area_e)
        cost = cost + area_e * unit_cost_eur_m2[e]
        insulated = insulated + area_e
    return _ElementMeasures(u, treated, areas, cost, insulated)


def _air_leakage_dm3s_m2(qv0: np.ndarray, leaky: np.ndarray, p: Params) -> np.ndarray:
    """qv10 per level [dm³/s·m²], (n, L): draught-proofing from basic on where the leakage is
    above the streefwaarde; deep also caps qv10 (airtight renovation)."""
    kier = np.where(leaky, p["physics.draught_proofing_qv10_factor"], 1.0)
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


def _fixed_costs_eur(leaky: np.ndarray, p: Params) -> np.ndarray:
    """Costs per level that do not scale with an area, incl. VAT [€], (n, L): draught-proofing
    from basic on where the air leakage is above the streefwaarde (``leaky``, (n,)), balanced
    ventilation at deep."""
    kier = np.where(leaky, p["cost.draught_proofing_eur"], 0.0)[:, None]
    return kier * _col([0.0, 1.0, 1.0, 1.0]).T + np.array(
        [0.0, 0.0, 0.0, p["cost.balanced_ventilation_eur"]]
    )


def _measure_count(treated: list[np.ndarray]) -> np.ndarray:
    """Distinct ISDE insulation measures per level, (L, n) int: floor, facade, roof, and glazing
    (windows or doors) as one."""
    glazing = treated[_WINDOW] | treated[_DOOR]
    return treated[_FLOOR].astype(np.int64) + treated[_FACADE] + treated[_ROOF] + glazing


def _col(values: list[float]) -> np.ndarray:
    """A per-level constant as an (L, 1) column."""
    return np.array(values, dtype=float)[:, None]


def label_element_state(
    u_current_w_m2k: np.ndarray,
    u_original_w_m2k: np.ndarray,
    area_m2: np.ndarray,
    floor_b_factor: np.ndarray,
    construction_year: np.ndarray,
    label_ratio: np.ndarray,
    params: Params,
) -> ElementState:
    """The elements' state that a dwelling's energy label implies, against its archetype.

    The archetype's current U-values stand for its default label (PBL Vesta). A better label
    (PBL's space-heat ratio ``label_ratio`` r < 1) means part of what the standard level would
    do is done: a share s of every element the standard level improves is already at the
    standard target, with s (1 - H_std / H) = 1 - r on the transmission H (floor with its
    b-factor). A worse label (r > 1) means part of the dwelling is still as built: a share g of
    every element whose original U is worse, with g (H_orig / H - 1) = r - 1. Both are clipped
    to 0..1; the label's ratio left over is applied to the demand (:mod:`~wupmodel.physics.demand`).

    Parameters
    ----------
    u_current_w_m2k, u_original_w_m2k
        The archetype's current and as-built U per element [W/m²K], (n, 5).
    area_m2
        Element areas [m²], (n, 5).
    floor_b_factor
        Temperature reduction factor of the ground floor [-], (n,).
    construction_year
        (n,), for the cavity rule of the standard level.
    label_ratio
        PBL's space heat at the dwelling's label over that at the archetype's default label, (n,)
        (1 where the label is unknown).
    params
        Parameters.

    Returns
    -------
    ElementState
    """
    p = params
    u0 = np.asarray(u_current_w_m2k, dtype=float)
    u_orig = np.maximum(np.asarray(u_original_w_m2k, dtype=float), u0)
    weight = np.asarray(area_m2, dtype=float).copy()
    weight[:, _FLOOR] *= np.asarray(floor_b_factor, dtype=float)
    cavity = np.asarray(construction_year) >= p["physics.cavity_wall_from_year"]
    target = _target_u_w_m2k(u0, cavity, p)
    meets = _meets_u_w_m2k(target, p)
    std = 2  # INSULATION_LEVELS index of "standard"
    u_std = np.stack(
        [
            np.where(
                u0[:, e] > np.broadcast_to(meets[e][std], u0[:, e].shape) + _EPS_U,
                np.broadcast_to(target[e][std], u0[:, e].shape),
                u0[:, e],
            )
            for e in range(len(ELEMENTS))
        ],
        axis=1,
    )
    h_now = (weight * u0).sum(axis=1)
    h_std = (weight * u_std).sum(axis=1)
    h_orig = (weight * u_orig).sum(axis=1)
    r = np.asarray(label_ratio, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        s = np.where(h_now > h_std, (1.0 - r) * h_now / (h_now - h_std), 0.0)
        g = np.where(h_orig > h_now, (r - 1.0) * h_now / (h_orig - h_now), 0.0)
    s = np.clip(np.nan_to_num(s), 0.0, 1.0)
    g = np.clip(np.nan_to_num(g), 0.0, 1.0)
    better = r < 1.0
    share = np.where(better, s, g)[:, None] * np.ones(u0.shape[1])
    other = np.where(better[:, None], u_std, u_orig)
    share = np.where(np.abs(other - u0) > _EPS_U, share, 0.0)
    return ElementState(other, share)


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
    # ``again`` charges draught-proofing where the standard state still leaks (and foil) from
    # basic on and finds nothing else to do up to standard; deep keeps its element costs and the
    # ventilation, not the draught-proofing.
    capex = np.zeros_like(env.capex_eur)
    bare = env.u_w_m2k[:, std, 1] > params["physics.facade_uninsulated_u_w_m2k"]
    leaky = qv_std > params["physics.deep_qv10_max_dm3s_m2"]
    capex[:, 3] = (
        again.capex_eur[:, 3]
        - np.where(leaky, params["cost.draught_proofing_eur"], 0.0)
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
