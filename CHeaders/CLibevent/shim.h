#ifndef IMPORT_SERVICE_CLIBEVENT_SHIM_H
#define IMPORT_SERVICE_CLIBEVENT_SHIM_H

#include <event2/event.h>
#include <event2/http.h>
#include <event2/buffer.h>
#include <event2/util.h>
#include <event2/keyvalq_struct.h>

#endif
