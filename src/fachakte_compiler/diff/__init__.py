"""Change control: the semantic diff of two catalogue versions, its rules and version checks.

engine compares the models Fachakte by Fachakte and Baustein by Baustein (compare_* hold the
element kinds, compare_catalogue the unversioned tenants, delegations and Aktenplan), rules/
classifies each change with a stable code, revision/sources read a git revision, result holds
the whole diff, bump and version_check judge versions, render*/changelog present the result.
"""
