/* Runner self-test: declares a clean exit but never ends, so the native
 * check must fail (the test is registered WILL_FAIL).
 *
 * coffman-runtime: expect=clean
 */
#include <unistd.h>

int main(void)
{
    for (;;)
        pause();
}
