#ifndef ABBA_CROSS_TU_SHARED_H
#define ABBA_CROSS_TU_SHARED_H
#include <pthread.h>

extern pthread_mutex_t queue_mu;
extern pthread_mutex_t stats_mu;
extern int queue_len, stats_seen;
extern unsigned stagger_ms;

void *producer(void *arg);
void *reporter(void *arg);
void count_item(void);
int peek_queue(void);
#endif
