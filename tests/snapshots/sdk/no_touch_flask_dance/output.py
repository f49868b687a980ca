"""flask-dance's other providers (a nylas word only here): silent."""
from flask_dance.contrib.github import make_github_blueprint, github

blueprint = make_github_blueprint(client_id="id", client_secret="secret")


def me():
    return github.get("/user").json()
