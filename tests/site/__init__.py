"""End to end: the example site as readers get it, in a browser, and against hostile or random input."""
