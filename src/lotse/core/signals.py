from django.dispatch import Signal

# Sent by the public guide while it builds a result, with `occupation_slug` and
# `district_code`; receivers return a dict of extra facts to show (e.g. qualification offers).
guide_result_extras = Signal()
