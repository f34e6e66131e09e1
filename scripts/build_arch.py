"""Rebuild packaged physics tables from the shared reference data (run from the repo root).

Kept for reproducibility of wupmodel/data tables; not part of the package or the tests.
"""

from pathlib import Path as _Path

import numpy as np
import pandas as pd

_ROOT = _Path(__file__).resolve().parents[1]
_SHARED = str(_ROOT.parent / "shared") + "/"
_DATA = str(_ROOT / "wupmodel" / "data") + "/"
D = _DATA
rvo = pd.read_csv(
    _SHARED + "data/rvo-voorbeeldwoningen-2022/voorbeeldwoningen_2022_grondgebonden.csv"
)
vesta = pd.read_csv(_SHARED + "data/pbl-vesta-asa2025/20241112_Woningen_BAG.csv", sep=";")
VTYPE = {
    "vrijstaand": "vrijstaand",
    "twee_onder_een_kap": "2 onder 1 kap",
    "hoekwoning": "rijwoning hoek",
    "tussenwoning": "rijwoning tussen",
    "meergezins_laag": "meergezins: laag en midden",
    "meergezins_hoog": "meergezins: hoog",
}
RTYPE = {
    "vrijstaand": "vrijstaand",
    "twee_onder_een_kap": "twee-onder-een-kap",
    "hoekwoning": "rijwoning-hoek",
    "tussenwoning": "rijwoning-tussen",
}


def vperiod(s):
    s = s.strip()
    if s.startswith("voor"):
        return (0, int(s.split()[1]) - 1)
    a, b = s.split(" - ")
    return (int(a), int(b))


vesta["y0"] = [vperiod(s)[0] for s in vesta.bouwjaar_str]
vesta["y1"] = [vperiod(s)[1] for s in vesta.bouwjaar_str]
vesta.loc[vesta.y1 == 2020, "y1"] = 9999


def rvo_range(p):
    if p.startswith("<"):
        return (0, int(p[1:]) - 1)
    a, b = p.split("-")
    b = int(b)
    return (int(a), 9999 if b == 2018 else b)


EL = ["floor", "facade", "roof", "window", "door"]
RV = {"floor": "vloer", "facade": "gevel", "roof": "dak", "window": "raam", "door": "deur"}


def regime(y1):
    # design regime of the original emitters (assumption, see source column)
    if y1 <= 1991:
        return 90, 70
    if y1 <= 2005:
        return 80, 60
    if y1 <= 2014:
        return 70, 50
    return 55, 45


QSPEC = {
    "vrijstaand": (1.4, 1.0),
    "twee_onder_een_kap": (1.2, 1.0),
    "hoekwoning": (1.2, 1.0),
    "tussenwoning": (1.0, 1.0),
    "meergezins_laag": (1.0, 0.5),
    "meergezins_hoog": (1.0, 0.5),
}
STOREYS = {"meergezins_laag": 4, "meergezins_hoog": 8}
APT_AREA = {"meergezins_laag": 75.0, "meergezins_hoog": 70.0}
rows = []
for t in [
    "vrijstaand",
    "twee_onder_een_kap",
    "hoekwoning",
    "tussenwoning",
    "meergezins_laag",
    "meergezins_hoog",
]:
    src_t = RTYPE.get(t, "rijwoning-tussen")
    sub = rvo[rvo.woningtype == src_t]
    for _, r in sub.iterrows():
        y0, y1 = rvo_range(r.bouwperiode)
        d = dict(
            dwelling_type=t,
            year_from=y0,
            year_to=y1,
            rvo_woningtype=r.woningtype,
            rvo_bouwperiode=r.bouwperiode,
        )
        A = r.gebruiksoppervlak_m2
        if t in STOREYS:
            Aref = APT_AREA[t]
            n = STOREYS[t]
            d["ref_floor_area_m2"] = Aref
            for e in ["facade", "window", "door"]:
                d[f"{e}_area_m2"] = round(r[f"{RV[e]}_oppervlak_m2"] / A * Aref, 3)
            d["floor_area_m2"] = round(Aref / n, 3)
            d["roof_area_m2"] = round(Aref / n, 3)
            d["storeys"] = n
        else:
            d["ref_floor_area_m2"] = A
            for e in EL:
                d[f"{e}_area_m2"] = r[f"{RV[e]}_oppervlak_m2"]
            d["storeys"] = 1
        for e in EL:
            d[f"u_{e}_orig"] = r[f"{RV[e]}_u_oorspronkelijk_w_m2k"]
            d[f"u_{e}_current"] = r[f"{RV[e]}_u_huidig_w_m2k"]
        d["floor_b_factor"] = r.vloer_b_factor
        d["qv10_type_factor"], d["qv10_spec_dm3s_m2"] = QSPEC[t]
        d["emitter_supply_design_c"], d["emitter_return_design_c"] = regime(y1)
        v = vesta[(vesta.type_str == VTYPE[t]) & (vesta.y1 >= y0) & (vesta.y0 <= y1)]
        d["hot_water_gj"] = round(v.Vww_asl.mean(), 4)
        d["appliance_gj"] = round(v.Ve_asl.mean(), 4)
        d["vesta_default_label"] = v.Default_label.mode().iloc[0]
        d["rvo_qhnd_huidig_kwh_m2"] = r.qhnd_huidig_kwh_m2 if t not in STOREYS else np.nan
        base = (
            "RVO Voorbeeldwoningen 2022 (CC0), row "
            + f"{r.woningtype} {r.bouwperiode}"
            + ": element areas and U-values oorspronkelijk/huidig (as in"
            " /shared/data/rvo-voorbeeldwoningen-2022)"
        )
        if t in STOREYS:
            base = (
                "derived from "
                + base
                + "; apartment (not in RVO extract): facade, window and door area per m2 usable"
                f" area as the tussenwoning, scaled to a reference apartment of {APT_AREA[t]:g}"
                " m2 (Vesta example size); ground floor and roof per dwelling = reference area /"
                f" {STOREYS[t]} storeys (assumption: {STOREYS[t]}-storey block)"
            )
        d["source"] = (
            base + f"; qv10 factors NTA 8800 tables 11.13/11.14 (f_type {QSPEC[t][0]}, q_spec"
            f" {QSPEC[t][1]}); emitter design regime {regime(y1)[0]}/{regime(y1)[1]} C:"
            " assumption (90/70 before 1992 as NTA 8800 table 9.9 class used for the RVO"
            " examples, 80/60 1992-2005, 70/50 2006-2014, 55/45 from 2015: common HR-boiler"
            " design practice); hot_water_gj = mean Vww_asl, appliance_gj = mean Ve_asl,"
            " vesta_default_label = Default_label of the overlapping rows of PBL Vesta MAIS"
            " ASA2025 file 20241112_Woningen_BAG.csv"
        )
        d["year"] = 2022
        rows.append(d)
a = pd.DataFrame(rows)
a.insert(0, "archetype_id", np.arange(len(a)))
a.to_csv(D + "archetypes.csv", index=False)
print(a.drop(columns=["source"]).to_string())

# label factors
LABELS = ("A++++", "A+++", "A++", "A+", "A", "B", "C", "D", "E", "F", "G")
VL = ["A", "B", "C", "D", "E", "F", "G"]
lrows = []
for _, d in a.iterrows():
    v = vesta[
        (vesta.type_str == VTYPE[d.dwelling_type])
        & (vesta.y1 >= d.year_from)
        & (vesta.y0 <= d.year_to)
    ]
    A = d.ref_floor_area_m2
    q = np.array(
        [
            [row[f"Vrv_{lab}_asl"] + row[f"Vrv_{lab}_opp"] * A for lab in VL]
            for _, row in v.iterrows()
        ]
    )
    qd = np.array(
        [
            row[f"Vrv_{row.Default_label}_asl"] + row[f"Vrv_{row.Default_label}_opp"] * A
            for _, row in v.iterrows()
        ]
    )
    r = (q / qd[:, None]).mean(0)  # A..G
    k = VL.index(d.vesta_default_label)
    r = r / r[k]
    # monotone: better labels never above, worse never below, the neighbour closer to the default
    better = np.minimum.accumulate(np.minimum(r[: k + 1][::-1], 1.0))[::-1]
    worse = np.maximum.accumulate(np.maximum(r[k:], 1.0))
    rr = np.concatenate([better[:-1], worse])
    for lab in LABELS:
        f = rr[0] if lab.startswith("A") else rr[VL.index(lab)]
        lrows.append(dict(archetype_id=d.archetype_id, label=lab, factor=round(float(f), 4)))
lf = pd.DataFrame(lrows)
lf["source"] = (
    "PBL Vesta MAIS ASA2025, file 20241112_Woningen_BAG.csv, columns Vrv_<label>_asl +"
    " Vrv_<label>_opp x ref_floor_area_m2 (functional space heat per envelope label) divided by the"
    " same at Default_label, mean over the Vesta construction periods overlapping the archetype;"
    " made monotone in the label (better label never above, worse never below 1); labels better"
    " than A use the A factor (Vesta has no A+ rows)"
)
lf["year"] = 2024
lf.to_csv(D + "physics_label_factors.csv", index=False)
print(
    lf.pivot(index="archetype_id", columns="label", values="factor")[list(LABELS[4:])].to_string()
)
