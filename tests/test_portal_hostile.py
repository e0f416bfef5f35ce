"""The bad-file corpus of test_bad_input, uploaded through the API: each is 422 with one
line, and the server goes on taking good returns."""

from __future__ import annotations

import pytest
from _portal import empty_tables, stamped_return, token_for, two_services  # noqa: F401
from django.test import Client
from test_bad_input import BAD_FILES


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> bytes:
    from tracker_tool import api

    return api.build_template("action-plan", tmp_path_factory.mktemp("t") / "t.xlsx").read_bytes()


def test_each_hostile_upload_is_422_and_the_server_stays_up(two_services, tmp_path, template):
    from tracker_tool.portal import storage

    def kept():
        return set((storage.data_folder() / "returns").rglob("*.xlsx"))

    before = kept()
    client = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for('ashcombe.manager@example.org')}"}
    for case, (name, make, _words) in BAD_FILES.items():
        bad = tmp_path / name
        bad.write_bytes(make(template))
        with bad.open("rb") as handle:
            answer = client.post("/api/returns", {"file": handle}, **auth)
        assert answer.status_code == 422, (case, answer.content)
        error = answer.json()["error"]
        assert error and "\n" not in error and "Traceback" not in error, case
    good = stamped_return(tmp_path / "good.xlsx", "Ashcombe House")
    with good.open("rb") as handle:
        assert client.post("/api/returns", {"file": handle}, **auth).status_code == 201
    import hashlib

    good_path = storage.return_path(hashlib.sha256(good.read_bytes()).hexdigest())
    assert kept() - before <= {good_path}, "refused uploads leave no file behind"
