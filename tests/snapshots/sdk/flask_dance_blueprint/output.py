"""An app signing users in with flask-dance's Nylas provider, which speaks v2."""
from flask import Flask, redirect, url_for
from flask_dance.contrib.nylas import make_nylas_blueprint, nylas

app = Flask(__name__)
blueprint = make_nylas_blueprint(client_id="id", client_secret="secret", scope="email")
app.register_blueprint(blueprint, url_prefix="/login")


@app.route("/")
def index():
    if not nylas.authorized:
        return redirect(url_for("nylas.login"))
    return nylas.get("/account").json()["email_address"]
