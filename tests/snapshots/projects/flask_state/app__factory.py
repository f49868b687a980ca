"""A Flask app factory: the client lives in app.config, read as current_app.config[...] or .get(...)."""
import os

from flask import Flask
from nylas import Client


def create_app():
    app = Flask(__name__)
    app.config["NYLAS"] = Client(api_key=os.environ["NYLAS_ACCESS_TOKEN"])
    from app.views import bp

    app.register_blueprint(bp)
    return app
