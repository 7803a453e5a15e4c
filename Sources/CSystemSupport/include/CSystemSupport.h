#ifndef PATHVAR_CSYSTEMSUPPORT_H
#define PATHVAR_CSYSTEMSUPPORT_H

/// Swaps two paths atomically (Linux renameat2 with RENAME_EXCHANGE), so that a finished set
/// of reports replaces the previous one in a single step. Returns 0 or -1 with errno set
/// (ENOSYS or EINVAL where the kernel or filesystem cannot exchange).
int pathvar_exchange_paths(const char *first, const char *second);

#endif
