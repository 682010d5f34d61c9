/* Runner self-test: one static marker, compared against a fake checker.
 *
 * coffman-runtime: expect=clean
 */
int main(void)
{
    return 0; // coffman-expect: lock-leak
}
