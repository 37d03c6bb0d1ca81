"""Loaded by every Python process of a Modelyard fine-tune (PYTHONPATH), torchrun ranks included.

LLaMA-Factory's graceful stop (LLAMABOARD_ENABLED=1, then SIGABRT) ends training at the next step
but only saves the final weights, not a checkpoint with optimizer and scheduler state, so a
cancelled run could not be resumed where it stopped. With MODELYARD_SAVE_ON_ABORT=1 this asks the
HF Trainer to save a checkpoint at that step as well. LLaMA-Factory is patched only when (and if)
its callbacks module is imported; nothing else changes.
"""

import os
import sys

if os.environ.get("MODELYARD_SAVE_ON_ABORT") == "1":
    import importlib.abc
    import importlib.machinery

    _TARGET = "llamafactory.train.callbacks"

    class _SaveOnAbortFinder(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name != _TARGET:
                return None
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            if spec is None or spec.loader is None:
                return spec
            load = spec.loader.exec_module

            def exec_module(module):
                load(module)
                cls = getattr(module, "LogCallback", None)
                if cls is None:
                    print("[modelyard] LLaMA-Factory has no LogCallback; a cancel will not save a checkpoint", file=sys.stderr)
                    return
                step_end = cls.on_step_end

                def on_step_end(self, args, state, control, **kwargs):
                    out = step_end(self, args, state, control, **kwargs)
                    if getattr(self, "aborted", False) and str(getattr(args, "save_strategy", "no")) not in ("no", "IntervalStrategy.NO", "SaveStrategy.NO"):
                        control.should_save = True
                    return out

                cls.on_step_end = on_step_end

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, _SaveOnAbortFinder())
