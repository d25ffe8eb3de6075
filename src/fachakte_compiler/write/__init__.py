"""Stage 6: putting bytes on disk: staging and atomic replacement of an output folder
(`atomic`), the guard against replacing folders the tool did not write (`guard`), the lock
between concurrent runs (`lock`), and deterministic ZIP bytes (`zipfile_det`). What to write is
the build service's decision (`fachakte_compiler.build_service`)."""
