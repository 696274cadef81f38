"""The errors a user can act on. The API raises them; only the CLI turns them into messages."""

from pipeline.read.inputs import InputError
from pipeline.rundir import DecisionError, RunNotFoundError
from pipeline.rules import RuleFileError
from pipeline.translate.model import ModelNotFoundError
from pipeline.translate.settings import TranslateSettingsError
from pipeline.write.run_dir import OutputError, ResumeError

# what the CLI reports as a usage or set-up error (exit code 2), without a traceback
UserError = (
    InputError, RuleFileError, ModelNotFoundError, TranslateSettingsError, ResumeError, OutputError, RunNotFoundError,
    DecisionError,
)
