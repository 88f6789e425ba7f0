"""The one exception services raise for a request they refuse."""


class Refused(ValueError):
    """A request that cannot be carried out; the message is Dutch, for people, and names the rule.

    Nothing has been changed when it is raised: the caller rolls back and shows the message.
    """
