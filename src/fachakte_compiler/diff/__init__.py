"""Change control: the semantic diff of two catalogue versions, its rules and version checks.

engine compares the models Fachakte by Fachakte (compare_* hold the element kinds), rules/
classifies each change with a stable code, revision/sources read a git revision, bump and
version_check judge versions, render/changelog present the result.
"""
