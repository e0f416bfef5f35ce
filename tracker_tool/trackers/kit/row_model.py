"""The base of every row and plan-sheet model, so each kind reads cells the same way."""

from pydantic import BaseModel, ConfigDict


class Row(BaseModel):
    """Columns the model does not name are left alone (the header check reports them), and a
    number typed in a text column is kept as its text: an ID of 4 is the reference '4'."""

    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)
