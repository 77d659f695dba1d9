"""schemathesis: over 1,000 generated requests against the content API, checked against its OpenAPI document.

Every operation in the document gets valid (positive) and invalid (negative) generated requests; each response must
not be a 5xx, must have a documented status code and content type, and must match the documented schema; invalid
requests must be rejected. Derandomised, so a run is repeatable.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
EXAMPLES_PER_OPERATION_AND_MODE = 100
MINIMUM_CASES = 1_000


@pytest.mark.django_db
def test_generated_requests_find_no_5xx_and_no_schema_violation(wsgi_app):
    schema = schemathesis.openapi.from_wsgi("/api/v2/openapi.json", wsgi_app)
    cases = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=EXAMPLES_PER_OPERATION_AND_MODE,
                deadline=None,
                derandomize=True,
                database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def check(case):
                nonlocal cases
                cases += 1
                case.call_and_validate(checks=CHECKS)

            check()
    assert cases >= MINIMUM_CASES, f"only {cases} generated cases"
