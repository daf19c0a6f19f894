"""A small DOM of csvpdump --report HTML (html.parser), shared by the report tests."""
from html.parser import HTMLParser


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children, self.text = tag, dict(attrs), parent, [], ""

    def classes(self):
        return self.attrs.get("class", "").split()

    def all(self, tag=None, cls=None):
        """Descendants in document order, by tag and/or class."""
        for c in self.children:
            if (tag is None or c.tag == tag) and (cls is None or cls in c.classes()):
                yield c
            yield from c.all(tag, cls)

    def first(self, tag=None, cls=None):
        return next(self.all(tag, cls), None)

    def full_text(self):
        return self.text + "".join(c.full_text() for c in self.children)

    def title(self):
        t = [c for c in self.children if c.tag == "title"]
        return t[0].full_text() if t else None


class Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", {}, None)
        self.unclosed = []

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        if self.cur.tag != tag:
            self.unclosed.append((self.cur.tag, tag))
            return
        self.cur = self.cur.parent

    def handle_data(self, data):
        self.cur.text += data


def parse(html):
    b = Builder()
    b.feed(html)
    b.close()
    return b.root, b.unclosed
