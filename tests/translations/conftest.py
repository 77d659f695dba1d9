"""Fixtures shared by the translation tests."""

import pytest
from django.contrib.auth.models import Group


@pytest.fixture
def make_user(django_user_model):
    """``make(name, *group_names)``: a user with a password, in those groups."""

    def make(name, *groups):
        user = django_user_model.objects.create_user(name, password="x")
        for group in groups:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make
