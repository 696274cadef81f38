"""Packaging beyond what pyproject.toml can say: the rule files travel inside the package.

``corrections/`` stays at the top of the checkout, where maintainers edit it; in a built
wheel it becomes ``pipeline/corrections/``, where :func:`pipeline.rules.corrections_dir`
finds it when the package is installed.
"""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["pipeline", "pipeline.*"]) + ["pipeline.corrections"],
    package_dir={"pipeline.corrections": "corrections"},
)
