from django.dispatch import Signal

# Sent by the public guide while it builds a result, with `occupation_slug` and
# `district_code`; receivers return a dict of extra facts to show (e.g. qualification offers).
guide_result_extras = Signal()

# Sent by the quality self-assessment with `organisation_id` and `year`; receivers return a
# list of evidence texts for the staff-competence criteria (e.g. trainings attended).
staff_competence_evidence = Signal()
