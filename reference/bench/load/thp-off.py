"""Runs a command with transparent huge pages turned off for it and its children (prctl PR_SET_THP_DISABLE), whatever
/sys/kernel/mm/transparent_hugepage/enabled says: load.sh --base-wrap, to compare a node with and without them in one run."""
import ctypes
import os
import sys

PR_SET_THP_DISABLE = 41
if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0) != 0:
    sys.exit(f"prctl(PR_SET_THP_DISABLE): {os.strerror(ctypes.get_errno())}")
os.execvp(sys.argv[1], sys.argv[1:])
