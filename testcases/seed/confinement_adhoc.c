/* The talk's ad hoc confinement: `data` is visible to every function in the
 * file, and only a team convention says that just loop_data reads it.
 * Nothing deadlocks or leaks; the risk is the convention, which no tool
 * checks.  The producer closes the channel, the consumer ranges over it.
 *
 * coffman-runtime: expect=clean
 */
#include "channel.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

static const int data[] = {1, 2, 3, 4};

static void *loop_data(void *arg)
{
    channel *handle_data = arg;
    for (size_t i = 0; i < sizeof data / sizeof data[0]; i++)
        chan_send(handle_data, (void *)(intptr_t)data[i]);
    chan_close(handle_data);
    return NULL;
}

int main(void)
{
    channel *handle_data = chan_make(0);
    pthread_t producer;
    pthread_create(&producer, NULL, loop_data, handle_data);
    void *num;
    while (chan_recv(handle_data, &num))
        printf("%d\n", (int)(intptr_t)num);
    pthread_join(producer, NULL);
    chan_free(handle_data);
    return 0;
}
