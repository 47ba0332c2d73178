"""Input serializers check the shape of a request; a failure answers 400 in the one error format."""


def validated(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
