/* worker.h - threads that work beside the capture thread (the file reader, the decoder). */
#ifndef CSVP_WORKER_H
#define CSVP_WORKER_H

#include <glib.h>

/* g_thread_new with SIGINT and SIGTERM blocked in the new thread: they stay with the capture
 * thread, whose handler stops the run and may touch the running input (capture.h). */
GThread *worker_thread_new(const char *name, GThreadFunc fn, gpointer data);

#endif
