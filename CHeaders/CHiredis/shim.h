#ifndef IMPORT_SERVICE_CHIREDIS_SHIM_H
#define IMPORT_SERVICE_CHIREDIS_SHIM_H

#include <hiredis/hiredis.h>
#include <hiredis/async.h>
// The libevent adapter is header-only: its static functions import into Swift from here.
#include <hiredis/adapters/libevent.h>

#endif
