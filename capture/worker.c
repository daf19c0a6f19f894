/* worker.c - worker threads (worker.h). */
#include "worker.h"

#include <pthread.h>
#include <signal.h>

GThread *worker_thread_new(const char *name, GThreadFunc fn, gpointer data)
{
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    GThread *t = g_thread_new(name, fn, data);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return t;
}
