"""One-off experiments: each answered a question on the way to a shipped bundle (README.md here
gives the question, the command, the result and the decision). The build never imports them."""
