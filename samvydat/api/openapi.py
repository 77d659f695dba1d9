"""The OpenAPI 3 document of the content API, generated from the endpoints' own configuration.

Wagtail's API v2 has no schema of its own. This module reads what the API really serves — each endpoint's body and
meta fields (``views.ENDPOINTS``), the page types and their fields (``fields.PAGE_API_FIELDS``), and the Django model
fields behind them — so adding a field in ``fields.py`` documents it too. Served at ``/api/v2/openapi.json``;
``tests/api/test_schemathesis.py`` checks the API against it.
"""

from functools import cache

from django.conf import settings
from django.db import models
from django.http import JsonResponse
from django.urls import reverse
from wagtail.fields import StreamField

from samvydat.search.analysis import MAX_QUERY_CHARS
from samvydat.search.budget import RETRY_AFTER_SECONDS

from . import query
from .fields import page_models
from .search import MAX_RESULTS
from .views import CACHE_SECONDS, ENDPOINTS

ERROR = {"type": "object", "properties": {"message": {"type": "string"}}, "required": ["message"]}
NESTED_OBJECT = {
    "type": "object",
    "description": "A related object: its id, a meta object and (by default) its title.",
    "properties": {
        "id": {"type": "integer"},
        "meta": {"type": "object"},
        "title": {"type": "string"},
    },
}
STREAM = {
    "type": "array",
    "description": "StreamField blocks in order; the shape of each value depends on the block type.",
    "items": {
        "type": "object",
        "properties": {"type": {"type": "string"}, "value": {}, "id": {"type": "string"}},
        "required": ["type", "value"],
    },
}
# Fields every endpoint's serializer adds that are not model fields.
META_FIELDS = {
    "type": {"type": "string", "description": "The model, as app_label.ModelName."},
    "detail_url": {"type": "string", "format": "uri"},
    "html_url": {"type": "string", "format": "uri", "nullable": True},
    "download_url": {"type": "string"},
    "tags": {"type": "array", "items": {"type": "string"}},
    "parent": {**NESTED_OBJECT, "nullable": True},
    "alias_of": {**NESTED_OBJECT, "nullable": True},
    "locale": {"type": "string", "enum": [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]},
}


def field_schema(model, name: str) -> dict:
    """The JSON schema of one model field as the API serialises it."""
    if name in META_FIELDS:
        return META_FIELDS[name]
    field = model._meta.get_field(name)
    if isinstance(field, StreamField):
        return STREAM
    if isinstance(field, models.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(field, (models.IntegerField, models.AutoField)):
        schema = {"type": "integer"}
    elif isinstance(field, models.DateTimeField):
        schema = {"type": "string", "format": "date-time"}
    elif isinstance(field, models.DateField):
        schema = {"type": "string", "format": "date"}
    elif isinstance(field, models.ForeignKey):
        schema = dict(NESTED_OBJECT)
    else:
        schema = {"type": "string"}
        if field.choices:
            schema["enum"] = [value for value, _label in field.flatchoices] + ([""] if field.blank else [])
    if field.null:
        schema["nullable"] = True
    if field.verbose_name:
        schema["description"] = str(field.verbose_name)
    return schema


def object_schema(viewset, models_) -> dict:
    """One item: body fields at the top level, meta fields under ``meta``; every field may be left out by ?fields."""
    body, meta = {}, {}
    for model in models_:
        for name in viewset.get_body_fields_names(model):
            body.setdefault(name, field_schema(model, name))
        for name in viewset.get_meta_fields_names(model):
            meta.setdefault(name, field_schema(model, name))
    meta_schema = {"type": "object", "properties": meta, "additionalProperties": False}
    return {"type": "object", "properties": {**body, "meta": meta_schema}, "additionalProperties": False}


def _integer(name, description, *, minimum=0, maximum=query.MAX_INTEGER):
    schema = {"type": "integer", "minimum": minimum, "maximum": maximum}
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _string(name, description, **schema):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "string", **schema},
    }


SEARCH_DESCRIPTION = {
    "pages": (
        f"Words to search for, as the site's search page finds them (any spelling of a name): at most the "
        f"{MAX_RESULTS} best matches, best first unless order is given; with locale, in that language only. "
    ),
    "images": "Words the title must contain. ",
    "documents": "Words the title must contain. ",
}
SEARCH_LIMITS = (
    f"Only the first {MAX_QUERY_CHARS} characters count. A search that runs out of its time budget is answered 503."
)
SEARCH_OPS = ["and", "or"]


def listing_parameters(name: str) -> list[dict]:
    limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
    parameters = [
        _integer("limit", f"How many items (at most {limit_max}; default 20).", maximum=limit_max),
        _integer("offset", "How many items to skip."),
        _string("fields", "Fields to add (name), remove (-name), all (*) or none (_), comma-separated."),
        _string("order", "A field to order by; -field for descending; random."),
        _string("search", SEARCH_DESCRIPTION[name] + SEARCH_LIMITS),
        _string("search_operator", "How search words combine: every word (and, the default) or any.", enum=SEARCH_OPS),
    ]
    if name == "pages":
        page_types = [label for label, _model in page_models()]
        parameters += [
            _string("type", "Only pages of this type; its fields can then be requested.", enum=page_types),
            _string("child_of", "Only children of this page id (or root).", pattern=r"^(root|[1-9][0-9]{0,9})$"),
            _integer("ancestor_of", "Only ancestors of this page id.", minimum=1),
            _integer("descendant_of", "Only descendants of this page id.", minimum=1),
            _integer("translation_of", "Only translations of this page id.", minimum=1),
            _string("locale", "Only pages in this language.", enum=META_FIELDS["locale"]["enum"]),
        ]
    return parameters


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def endpoint_paths(prefix: str, name: str, viewset) -> dict:
    models_ = [model for _label, model in page_models()] + [viewset.model] if name == "pages" else [viewset.model]
    item_ref = {"$ref": f"#/components/schemas/{name}_item"}
    bad = _json({"$ref": "#/components/schemas/error"}, "A query parameter is not valid (the message says which).")
    missing = _json({"$ref": "#/components/schemas/error"}, "No such public item.")
    listing = {
        "type": "object",
        "properties": {
            "meta": {"type": "object", "properties": {"total_count": {"type": "integer", "minimum": 0}}},
            "items": {"type": "array", "items": item_ref},
        },
        "required": ["meta", "items"],
    }
    fields_only = [p for p in listing_parameters(name) if p["name"] == "fields"]
    search_cut = {
        **_json({"$ref": "#/components/schemas/error"}, "The search ran out of its time budget (the message says so)."),
        "headers": {
            "Retry-After": {
                "description": f"Seconds to wait before trying again ({RETRY_AFTER_SECONDS}).",
                "schema": {"type": "integer", "minimum": 1},
            }
        },
    }
    return {
        f"{prefix}{name}/": {
            "get": {
                "operationId": f"{name}_listing",
                "summary": f"List {name}",
                "parameters": listing_parameters(name),
                "responses": {
                    "200": _json(listing, f"A page of {name}."),
                    "400": bad,
                    "404": missing,
                    "503": search_cut,
                },
            }
        },
        f"{prefix}{name}/{{id}}/": {
            "get": {
                "operationId": f"{name}_detail",
                "summary": f"One of the {name}",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 0}},
                    *fields_only,
                ],
                "responses": {"200": _json(item_ref, "The item."), "400": bad, "404": missing},
            }
        },
    }, {f"{name}_item": object_schema(viewset, models_)}


@cache
def openapi_document() -> dict:
    prefix = reverse("samvydat_api_openapi").removesuffix("openapi.json")
    paths, schemas = {}, {"error": ERROR}
    for name, viewset in ENDPOINTS.items():
        endpoint, components = endpoint_paths(prefix, name, viewset)
        paths.update(endpoint)
        schemas.update(components)
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "samvydat content API",
            "version": "2",
            "description": (
                "Read-only, public content: live pages without view restrictions in every language, images and "
                "documents. No authentication, no cookies. Generated from the API's configuration."
            ),
        },
        "paths": paths,
        "components": {"schemas": schemas},
    }


def openapi_view(request):
    response = JsonResponse(openapi_document(), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["Access-Control-Allow-Origin"] = "*"
    return response
