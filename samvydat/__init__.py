"""samvydat: a multilingual publishing platform for writing about a censored country from exile."""
