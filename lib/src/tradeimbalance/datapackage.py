"""What is known about the built tables as a whole: the coverage table and ``datapackage.json``.

:func:`coverage` gives, per table, its years (first, last, missing), its entities and the gaps
known in its sources; :func:`datapackage` the Frictionless Data Package descriptor of the built
tables (schemas, units, sources, licences, vintages, coverage, caveats).
"""

from __future__ import annotations

import pandas as pd

from . import fmt
from .ingest.reference_tables import known_gaps
from .schema import load_spec

#: Columns that name the countries / partners / provinces of a table, for the coverage table.
ENTITY_COLUMNS = ["partner", "country", "province", "economy", "investor", "complainant", "code", "member"]


def _year_ranges(years: list[int]) -> str:
    """Compact ``1962-1977;1990`` form of a sorted list of years."""
    return fmt.year_ranges(years, dash="-", sep=";")


def coverage(tables: dict[str, pd.DataFrame], spec: dict | None = None) -> pd.DataFrame:
    """The coverage table: years, gaps, entities and known missing items per dataset."""
    spec = spec or load_spec()
    gaps = known_gaps()
    rows = []
    for name, df in tables.items():
        res = spec["resources"][name]
        years = sorted(int(y) for y in df["year"].dropna().unique()) if "year" in df.columns else []
        missing = sorted(set(range(years[0], years[-1] + 1)) - set(years)) if years else []
        ent_col = next((c for c in ENTITY_COLUMNS if c in df.columns), None)
        ents = sorted(str(v) for v in df[ent_col].dropna().unique()) if ent_col else []
        g = gaps[gaps["dataset"] == name]
        rows.append({
            "dataset": name,
            "kind": res.get("kind", ""),
            "rows": len(df),
            "year_min": years[0] if years else None,
            "year_max": years[-1] if years else None,
            "years_missing": _year_ranges(missing),
            "entity_column": ent_col,
            "n_entities": len(ents) if ent_col else None,
            "entities": ";".join(ents) if ent_col and len(ents) <= 40 else None,
            "raw_folders": ";".join(res.get("raw", [])),
            "known_missing": " | ".join(f"[{f}] {t}" for f, t in zip(g["source_folder"], g["gap"])) or None,
        })
    return pd.DataFrame(rows)


def datapackage(tables: dict[str, pd.DataFrame], cov: pd.DataFrame, spec: dict | None = None) -> dict:
    """The ``datapackage.json`` descriptor (Frictionless Data Package v1) for the built tables."""
    spec = spec or load_spec()
    pkg = dict(spec["package"])
    resources, sources, caveats = [], [], []
    for name in tables:
        res = spec["resources"][name]
        fields = []
        for f in res["fields"]:
            fd = {"name": f["name"], "type": f["type"], "description": f.get("description", "")}
            if f["type"] == "boolean":
                fd["trueValues"], fd["falseValues"] = ["true"], ["false"]
            if f["type"] == "date":
                fd["format"] = "default"
            fd["unit"] = f.get("unit", "")
            if f.get("categorical"):
                fd["categorical"] = True
            if f.get("constraints"):
                fd["constraints"] = f["constraints"]
            fields.append(fd)
        schema = {"fields": fields, "missingValues": [""]}
        if res.get("primaryKey"):
            schema["primaryKey"] = res["primaryKey"]
        r = {
            "name": name.replace("_", "-"),
            "table": name,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "title": res["title"],
            "description": " ".join(res.get("description", "").split()),
            "kind": res.get("kind", ""),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
            "sources": res.get("sources", []),
            "licenses": res.get("licenses", []),
            "schema": schema,
            "caveats": res.get("caveats", []),
        }
        if res.get("restrictions"):
            r["restrictions"] = " ".join(res["restrictions"].split())  # terms that limit redistribution
        if res.get("kind") == "paper":
            r["reported_by_paper"] = True
        if res.get("vintage"):
            r["vintage"] = res["vintage"]
        df = tables[name]
        if "vintage" in df.columns and df["vintage"].notna().any():
            pub = df["published"] if "published" in df.columns else pd.Series(pd.NA, index=df.index)
            pairs = sorted({(str(v), "" if pd.isna(p) else str(p)) for v, p in zip(df["vintage"], pub) if not pd.isna(v)})
            r["vintages"] = [{"accessed": v, "published": p} for v, p in pairs]
        resources.append(r)
        for s in res.get("sources", []):
            if s not in sources:
                sources.append(s)
        caveats.extend(f"{name}: {c}" for c in res.get("caveats", []))
    pkg["profile"] = "tabular-data-package"
    pkg["sources"] = sources
    pkg["resources"] = resources
    pkg["coverage"] = [
        {k: (None if pd.isna(v) else (int(v) if k in ("rows", "year_min", "year_max", "n_entities") else v))
         for k, v in row.items() if k in ("dataset", "rows", "year_min", "year_max", "years_missing", "n_entities")}
        for row in cov.to_dict("records")
    ]
    pkg["caveats"] = caveats
    return pkg
