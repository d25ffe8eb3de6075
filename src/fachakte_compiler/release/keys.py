"""Ed25519 release keys as PEM files, signing and checking signatures (cryptography)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import stat
from pathlib import Path
from typing import Any

from fachakte_compiler.errors import FachakteError, UsageProblem
from fachakte_compiler.i18n import _, os_reason

PASSPHRASE_ENV = "FACHAKTE_KEY_PASSPHRASE"
# The shortest passphrase keygen accepts for a new key (characters).
MIN_PASSPHRASE = 12


class KeyFileError(UsageProblem):
    """A key file named on the command line is missing, unreadable, readable by others, of the
    wrong kind or locked by another passphrase: the invocation names a key it cannot use, so
    exit code 2 as for every wrong argument (README, "Exit-Codes"), never 1, which says the
    catalogue or the release has a finding."""


class KeyInWorkTree(FachakteError):
    """A private key inside a git work tree, where one `git add -A` publishes it: a refusal
    of where the key lies (exit code 1, README), not of the file as an argument."""


class KeyFileExists(KeyFileError):
    """keygen was pointed at a file that exists: a wrong argument (exit 2), as for `new`."""


class WrongKey(KeyFileError):
    """The file named on the command line is not the kind of key the option needs (a public
    key given as private key, a private key given to verify, no Ed25519 PEM key at all):
    a usage error, exit code 2."""


class PassphraseProblem(KeyFileError):
    """The passphrase the command needs is not in $FACHAKTE_KEY_PASSPHRASE (unset, empty or
    not UTF-8): the invocation lacks it, a usage error with exit code 2."""


def _passphrase() -> bytes | None:
    value = os.environ.get(PASSPHRASE_ENV)
    if not value:
        return None
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError:
        raise PassphraseProblem(
            _(
                "{PASSPHRASE_ENV} is not valid UTF-8 text; set it to the passphrase as "
                "UTF-8 (e.g. with LC_ALL=C.UTF-8 in the shell that sets it)"
            ).format(PASSPHRASE_ENV=PASSPHRASE_ENV)
        ) from None


def generate(private_path: Path, public_path: Path, *, encrypt: bool) -> str:
    """Write a new key pair; the private key is created 0600 and never overwrites a file.
    Returns the public key's fingerprint."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    for path in (private_path, public_path):
        if path.exists():
            raise KeyFileExists(
                _("{path} already exists; refusing to overwrite a key").format(path=path)
            )
    secret = _passphrase()
    if encrypt and not secret:
        raise PassphraseProblem(
            _(
                "--passphrase needs the passphrase in the environment variable {PASSPHRASE_ENV}"
            ).format(PASSPHRASE_ENV=PASSPHRASE_ENV)
        )
    if encrypt and secret and len(secret.decode("utf-8")) < MIN_PASSPHRASE:
        # The key signs what thirteen municipalities install; its passphrase is all that
        # guards a copy of the file, and length is what makes a passphrase hard to guess.
        raise PassphraseProblem(
            _(
                "the passphrase in {PASSPHRASE_ENV} has fewer than {count} characters; choose "
                "a longer one (a few words are easy to remember)"
            ).format(PASSPHRASE_ENV=PASSPHRASE_ENV, count=MIN_PASSPHRASE)
        )
    key = Ed25519PrivateKey.generate()
    algorithm: Any = (
        serialization.BestAvailableEncryption(secret)
        if encrypt and secret
        else serialization.NoEncryption()
    )
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, algorithm
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    # The private key's own folder (e.g. ~/.config/fachakte) is made owner-only when created.
    _make_folder(private_path.parent, 0o700)
    _make_folder(public_path.parent, 0o755)
    _create(private_path, private_pem, 0o600)
    try:
        _create(public_path, public_pem, 0o644)
    except BaseException:
        private_path.unlink(missing_ok=True)
        raise
    return fingerprint(key.public_key())


def _make_folder(folder: Path, mode: int) -> None:
    try:
        folder.mkdir(mode=mode, parents=True, exist_ok=True)
    except OSError as exc:
        raise KeyFileError(
            _("cannot create {path}: {reason}").format(path=folder, reason=os_reason(exc))
        ) from exc


def _create(path: Path, data: bytes, mode: int) -> None:
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, mode)
    except FileExistsError as exc:
        raise KeyFileExists(
            _("{path} already exists; refusing to overwrite a key").format(path=path)
        ) from exc
    except OSError as exc:
        raise KeyFileError(
            _("cannot create {path}: {reason}").format(path=path, reason=os_reason(exc))
        ) from exc
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    # The umask may have narrowed the mode; the private key must be exactly owner-only.
    os.chmod(path, mode)


def _read(path: Path, *, private: bool = False) -> bytes:
    """The bytes of a key file; a FIFO or device is refused before it is read (it could block
    forever), and a private key that others may read is refused with the fix."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise KeyFileError(
            _("cannot read key file {path}: {reason}").format(path=path, reason=os_reason(exc))
        ) from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise WrongKey(
                _("{path} is not a regular file; give the PEM key file").format(path=path)
            )
        try:
            data = handle.read(1024**2)
        except OSError as exc:
            raise KeyFileError(
                _("cannot read key file {path}: {reason}").format(path=path, reason=os_reason(exc))
            ) from exc
        if private and b"-----BEGIN PUBLIC KEY-----" in data:
            raise WrongKey(
                _("{path} is a public key; --private-key needs the private key").format(path=path)
            )
        if private and stat.S_IMODE(info.st_mode) & 0o077:
            raise KeyFileError(
                _(
                    "{path} can be read by others (mode {mode:04o}); a private key must "
                    "be readable by its owner only: chmod 600 {path}"
                ).format(path=path, mode=stat.S_IMODE(info.st_mode))
            )
        return data


def load_private(path: Path) -> Any:
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    data = _read(path, private=True)
    secret = _passphrase()
    try:
        key = serialization.load_pem_private_key(data, password=secret)
    except TypeError:
        # Raised both for "encrypted but no password" and "password for a plain key".
        if secret is None:
            raise PassphraseProblem(
                _("{path} is encrypted; set {PASSPHRASE_ENV} to its passphrase").format(
                    path=path, PASSPHRASE_ENV=PASSPHRASE_ENV
                )
            ) from None
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise KeyFileError(
            _(
                "{path} is not a readable PEM private key (wrong passphrase in "
                "{PASSPHRASE_ENV}, or not a key file)"
            ).format(path=path, PASSPHRASE_ENV=PASSPHRASE_ENV)
        ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise WrongKey(
            _("{path} is not an Ed25519 private key; create one with `fachakte keygen`").format(
                path=path
            )
        )
    return key


def refuse_key_in_work_tree(key_path: Path, catalogue_root: Path) -> None:
    """Refuse a private key that lies inside the git work tree of the catalogue: one
    `git add -A` would publish it (an ignore rule only protects until someone forces it).
    Outside git nothing is refused here; the release refuses that catalogue anyway."""
    from fachakte_compiler.git import GitError, top_level, tracked

    try:
        top = top_level(catalogue_root).resolve()
    except GitError:
        return
    key = key_path.resolve()
    if not key.is_relative_to(top):
        return
    from fachakte_compiler.i18n import _

    rel = key.relative_to(top).as_posix()
    message = _(
        "{key} is a private key inside the git work tree {top}; keep it outside the "
        "repository (e.g. mv {key} ~/.config/fachakte/) and give that path to --private-key"
    ).format(key=key_path, top=top)
    if tracked(top, rel):
        message += ". " + _(
            "{rel} is committed: treat the key as published, create a new pair with "
            "`fachakte keygen` and give the municipalities the new public key"
        ).format(rel=rel)
    raise KeyInWorkTree(message)


def refuse_new_key_in_work_tree(private_path: Path) -> None:
    """keygen: refuse, before anything is written, to create a private key inside a git work
    tree, for the reason refuse_key_in_work_tree gives; the message names a place outside."""
    from fachakte_compiler.git import GitError, top_level

    folder = private_path.absolute().parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        top = top_level(folder).resolve()
    except GitError:
        return
    raise KeyInWorkTree(
        _(
            "refusing to create the private key {key} inside the git work tree {top}: one "
            "`git add -A` would publish it. Create it outside every repository, e.g. "
            "`fachakte keygen --private-key ~/.config/fachakte/{name}` (the folder is "
            "created; the public key goes beside it, or where --public-key says)"
        ).format(key=private_path, top=top, name=private_path.name)
    )


def load_public(path: Path) -> Any:
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    data = _read(path)
    if b"PRIVATE KEY-----" in data:
        raise WrongKey(
            _(
                "{path} is a private key; verify needs the public key (the .pub.pem file of "
                "`fachakte keygen`). Keep the private key away from the municipalities."
            ).format(path=path)
        )
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise WrongKey(
            _("{path} is not a PEM public key (SubjectPublicKeyInfo)").format(path=path)
        ) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise WrongKey(_("{path} is not an Ed25519 public key").format(path=path))
    return key


def fingerprint(public_key: Any) -> str:
    """SHA-256 of the raw public key, shown so that people can compare keys by phone."""
    from cryptography.hazmat.primitives import serialization

    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "SHA256:" + hashlib.sha256(raw).hexdigest()


def sign(private_key: Any, data: bytes) -> bytes:
    """The signature file's content: base64 of the raw signature plus a newline."""
    return base64.b64encode(private_key.sign(data)) + b"\n"


def signature_valid(public_key: Any, data: bytes, signature_file: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        raw = base64.b64decode(signature_file.strip(), validate=True)
        public_key.verify(raw, data)
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True
