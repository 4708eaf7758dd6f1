"""The rows of a batch: their columns and their one Parquet schema.

Every way of writing many reports' facts (``govreport batch -o OUT.parquet``,
``to_bag(records=True).to_dataframe().to_parquet(...)``) writes the same columns with the
same types, so that files from a laptop and from a cluster can be read together. pyarrow and
pandas are optional: they are imported only by the functions that build their objects.
"""
from __future__ import annotations

import decimal
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from govreport._facts import FACT_FIELDS, flat_cell

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import pyarrow

__all__ = ["META_FIELDS", "ROW_FIELDS", "PARQUET_SCALE", "parquet_schema", "parquet_value",
           "parquet_record", "row_meta"]

#: report metadata columns put in front of each fact row
META_FIELDS = ("file", "region", "province", "level", "year")
#: the columns of a batch row: the report's metadata, then facts.md's fields
ROW_FIELDS = META_FIELDS + FACT_FIELDS
#: Parquet stores values as exact decimals: 38 digits, 12 of them after the point (26 before).
#: Every figure a report writes fits exactly; a ratio like 1/3 is rounded at the 12th place.
PARQUET_SCALE = 12

_QUANTUM = Decimal(1).scaleb(-PARQUET_SCALE)
_LIMIT = Decimal(10) ** (38 - PARQUET_SCALE)
_INTEGERS = {"year": "int32", "start": "int64", "end": "int64"}
_DECIMALS = ("value", "value_max")


def parquet_schema() -> "pyarrow.Schema":
    """The Arrow schema of batch rows: :data:`ROW_FIELDS`, strings but for the year and span
    (integers) and the values (``decimal128(38, 12)``)."""
    import pyarrow as pa

    types = {name: getattr(pa, kind)() for name, kind in _INTEGERS.items()}
    types.update({name: pa.decimal128(38, PARQUET_SCALE) for name in _DECIMALS})
    return pa.schema([(name, types.get(name, pa.string())) for name in ROW_FIELDS])


def parquet_value(value: Decimal | None) -> Decimal | None:
    """``value`` as the schema stores it: rounded (half even) at the 12th place when it has
    more places, else unchanged; a value of 26 or more integer digits is an error."""
    if value is None:
        return None
    if abs(value) >= _LIMIT:
        raise ValueError(f"value {value} has more than {38 - PARQUET_SCALE} integer digits: "
                         f"it does not fit the Parquet schema")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -PARQUET_SCALE:
        return value.quantize(_QUANTUM, rounding=decimal.ROUND_HALF_EVEN)
    return value


def parquet_record(record: dict[str, Any]) -> dict[str, Any]:
    """A batch row (:data:`ROW_FIELDS`) with its values as the Parquet schema stores them
    (decimals rescaled where needed, ``evidence`` as its compact JSON text)."""
    out = dict(record)
    for name in _DECIMALS:
        out[name] = parquet_value(out.get(name))
    if out.get("evidence") is not None:
        out["evidence"] = flat_cell(out["evidence"])
    return out


def row_meta() -> "pandas.DataFrame":
    """An empty DataFrame whose columns and Arrow-backed dtypes are the Parquet schema's
    (what Dask needs to build a DataFrame of rows without looking at them first)."""
    import pandas

    schema = parquet_schema()
    return pandas.DataFrame({field.name: pandas.Series([], dtype=pandas.ArrowDtype(field.type))
                             for field in schema})
