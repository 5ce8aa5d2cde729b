#ifndef IMPORT_SERVICE_CLIBEVENT_SHIM_H
#define IMPORT_SERVICE_CLIBEVENT_SHIM_H

// System headers first: libevent's event-config.h defines _GNU_SOURCE, and if glibc's
// headers were first seen after that, fd_set and friends would differ from the ones
// Glibc and Dispatch import, which breaks the module build.
#include <stdint.h>
#include <sys/types.h>
#include <sys/time.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include <event2/event.h>
#include <event2/http.h>
#include <event2/buffer.h>
#include <event2/util.h>
#include <event2/keyvalq_struct.h>
#include <event2/listener.h>
#include <event2/bufferevent.h>
#include <netdb.h>
#include <unistd.h>

#endif
