"""Read-only comparison of an installed Doxis4 organization (or an xdomea file-plan export) with
what a release of the catalogue says that tenant must hold ("used unchanged")."""
