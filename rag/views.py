"""Staff-only inspection of retrieval: what the knowledge base returns for a query."""

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAdminUser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from rag.serializers import SearchInputSerializer, SearchOutputSerializer
from rag.service import rag_service


class RagSearchView(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(request=SearchInputSerializer, responses=SearchOutputSerializer)
    def post(self, request: Request) -> Response:
        data = SearchInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = rag_service.search(
            data.validated_data["query"],
            k=data.validated_data["k"],
            namespaces=data.validated_data.get("namespaces"),
        )
        return Response(SearchOutputSerializer(result).data)
